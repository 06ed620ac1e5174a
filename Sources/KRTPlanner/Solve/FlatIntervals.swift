import KRTKinetics

/// The non-zero entries of a short vector.
struct SparseVector: Sendable {
    let entries: [(index: Int, value: Double)]

    init(_ dense: [Double]) {
        entries = dense.enumerated().compactMap { $0.element == 0 ? nil : ($0.offset, $0.element) }
    }

    init(entries: [(index: Int, value: Double)]) {
        self.entries = entries
    }

    @inline(__always)
    func add(scaledBy scale: Double, to vector: inout [Double]) {
        for entry in entries { vector[entry.index] += entry.value * scale }
    }
}

/// Interval data in contiguous buffers with offsets, so the forward pass touches no nested arrays,
/// no reference counts and (in release builds) no bounds checks. Immutable after `init`; owns its
/// buffers (freed in `deinit`), which is why it is a class.
final class FlatIntervals: @unchecked Sendable {
    /// base[i * n + k]
    let base: UnsafeMutableBufferPointer<Double>
    /// Φ entries of interval i are rows/columns/values[transitionStart[i] ..< transitionStart[i + 1]].
    let transitionStart: UnsafeMutableBufferPointer<Int>
    let transitionRow: UnsafeMutableBufferPointer<Int>
    let transitionColumn: UnsafeMutableBufferPointer<Int>
    let transitionValue: UnsafeMutableBufferPointer<Double>
    /// Effect terms of interval i are terms[termStart[i] ..< termStart[i + 1]]; each term's entries are
    /// entryIndex/entryValue[entryStart[t] ..< entryStart[t + 1]]. `kind`: 0 = dose per unit, k > 0 =
    /// dose's k-th infusion, −1 = coupling loss. `source` is the dose or coupling index.
    let termStart: UnsafeMutableBufferPointer<Int>
    let termKind: UnsafeMutableBufferPointer<Int>
    let termSource: UnsafeMutableBufferPointer<Int>
    let entryStart: UnsafeMutableBufferPointer<Int>
    let entryIndex: UnsafeMutableBufferPointer<Int>
    let entryValue: UnsafeMutableBufferPointer<Double>
    /// Serum decomposition pieces of grid point i + 1 are pieces[pieceStart[i] ..< pieceStart[i + 1]].
    let pieceStart: UnsafeMutableBufferPointer<Int>
    let pieces: UnsafeMutableBufferPointer<DoseEvaluator.Piece>

    init(base: [[Double]], transitions: [[(row: Int, column: Int, value: Double)]],
         doseEffects: [[(dose: Int, threshold: Int, effect: SparseVector)]],
         lossEffects: [[(coupling: Int, effect: SparseVector)]], pieces: [[DoseEvaluator.Piece]]) {
        self.base = Self.buffer(base.flatMap { $0 })
        var start = [0], rows: [Int] = [], columns: [Int] = [], values: [Double] = []
        for entries in transitions {
            for entry in entries { rows.append(entry.row); columns.append(entry.column); values.append(entry.value) }
            start.append(rows.count)
        }
        transitionStart = Self.buffer(start)
        transitionRow = Self.buffer(rows)
        transitionColumn = Self.buffer(columns)
        transitionValue = Self.buffer(values)
        var termStart = [0], kinds: [Int] = [], sources: [Int] = [], entryStart = [0], indices: [Int] = [], entryValues: [Double] = []
        for (doses, losses) in zip(doseEffects, lossEffects) {
            for (dose, threshold, effect) in doses {
                kinds.append(threshold)
                sources.append(dose)
                for entry in effect.entries { indices.append(entry.index); entryValues.append(entry.value) }
                entryStart.append(indices.count)
            }
            for (coupling, effect) in losses {
                kinds.append(-1)
                sources.append(coupling)
                for entry in effect.entries { indices.append(entry.index); entryValues.append(entry.value) }
                entryStart.append(indices.count)
            }
            termStart.append(kinds.count)
        }
        self.termStart = Self.buffer(termStart)
        termKind = Self.buffer(kinds)
        termSource = Self.buffer(sources)
        self.entryStart = Self.buffer(entryStart)
        entryIndex = Self.buffer(indices)
        entryValue = Self.buffer(entryValues)
        var pieceStart = [0]
        for row in pieces { pieceStart.append(pieceStart[pieceStart.count - 1] + row.count) }
        self.pieceStart = Self.buffer(pieceStart)
        self.pieces = Self.buffer(pieces.flatMap { $0 })
    }

    deinit {
        base.deallocate()
        for buffer in [transitionStart, transitionRow, transitionColumn, termStart, termKind, termSource, entryStart, entryIndex, pieceStart] {
            buffer.deallocate()
        }
        transitionValue.deallocate()
        entryValue.deallocate()
        pieces.deallocate()
    }

    private static func buffer<Element>(_ array: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(1, array.count))
        _ = buffer.initialize(from: array)
        return buffer
    }
}
