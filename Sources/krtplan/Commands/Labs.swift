import ArgumentParser

/// `krtplan labs`: lab results from hospital systems (FHIR R4, CSV) into a case, and back out.
struct Labs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import lab results from FHIR R4 or CSV exports into a case's labs:, or export a case's labs.",
        discussion: "docs/labs-import.md describes the formats, the LOINC codes and units read, and every refusal.",
        subcommands: [LabsImport.self, LabsExport.self]
    )
}
