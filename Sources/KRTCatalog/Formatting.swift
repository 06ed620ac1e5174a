import Foundation

/// Fixed-decimal text of a number, the same on every platform and locale (no `-0.00`).
public func formatFixed(_ value: Double, digits: Int) -> String {
    let text = String(format: "%.\(max(0, digits))f", value)
    let zero = String(format: "%.\(max(0, digits))f", 0.0)
    return text == "-" + zero ? zero : text
}
