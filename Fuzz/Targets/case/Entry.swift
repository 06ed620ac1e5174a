import KRTCatalog

// libFuzzer entry for the case target; the body is Tests/SafetyTests/FuzzHarness/CaseFuzzInput.swift
// (also replayed over the kept corpus by `swift test`).

let fuzzCatalog: Catalog? = loadBundledCatalogForFuzzing()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCase(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let catalog = fuzzCatalog else { fatalError("the bundled catalog did not load; set KRTPLAN_FORMULATIONS") }
    let violations = runCaseFuzzInput(Array(UnsafeBufferPointer(start: data, count: size)), catalog: catalog)
    if !violations.isEmpty { fatalError(violations.joined(separator: "\n")) }
    return 0
}
