// libFuzzer entry for the LP target; the body is Tests/SafetyTests/FuzzHarness/LPFuzzInput.swift
// (also replayed over the kept corpus by `swift test`).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let violations = runLPFuzzInput(Array(UnsafeBufferPointer(start: data, count: size)))
    if !violations.isEmpty { fatalError(violations.joined(separator: "\n")) }
    return 0
}
