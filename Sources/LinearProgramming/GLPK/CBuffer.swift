/// A manually allocated array of trivial C values with a stable address for the
/// duration of a shim call (freed on deinit). Lets the lowered problem hand pointers
/// to C without a pyramid of `withUnsafeBufferPointer` closures.
final class CBuffer<Element> {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(repeating value: Element, count: Int) {
        self.count = count
        pointer = .allocate(capacity: Swift.max(count, 1))
        pointer.initialize(repeating: value, count: count)
    }

    init(_ elements: [Element]) {
        count = elements.count
        pointer = .allocate(capacity: Swift.max(count, 1))
        elements.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.initialize(from: base, count: count) }
        }
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }

    subscript(index: Int) -> Element {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }

    var array: [Element] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}

/// NUL-terminated UTF-8 copies of many strings in one allocation, plus a pointer to each.
final class CStringTable {
    private let bytes: CBuffer<CChar>
    let pointers: CBuffer<UnsafePointer<CChar>?>

    init(_ strings: some Collection<String>) {
        let total = strings.reduce(0) { $0 + $1.utf8.count + 1 }
        bytes = CBuffer(repeating: 0, count: total)
        pointers = CBuffer(repeating: nil, count: strings.count)
        var offset = 0
        for (index, string) in strings.enumerated() {
            pointers[index] = UnsafePointer(bytes.pointer + offset)
            for byte in string.utf8 {
                bytes[offset] = CChar(bitPattern: byte)
                offset += 1
            }
            bytes[offset] = 0
            offset += 1
        }
    }

    /// The first string's pointer (for single-string tables).
    var first: UnsafePointer<CChar>? { pointers.count > 0 ? pointers[0] : nil }
}
