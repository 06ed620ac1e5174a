// libFuzzer entry for the FHIR lab-import target; the body is Tests/SafetyTests/FuzzHarness/FHIRFuzzInput.swift
// (also replayed over the kept corpus by `swift test`).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFHIR(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let violations = runFHIRFuzzInput(Array(UnsafeBufferPointer(start: data, count: size)))
    if !violations.isEmpty { fatalError(violations.joined(separator: "\n")) }
    return 0
}
