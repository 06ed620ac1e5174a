/// A small dense row-major matrix of `Double`s (the compartment systems have n ≤ ~25 states).
///
/// Only what the exact discretisation needs: products, sums, scaling, the 1-norm and a linear
/// solve with partial pivoting. No BLAS: the sizes are tiny and results must be deterministic.
public struct Matrix: Sendable, Hashable {
    public let rows: Int
    public let columns: Int
    /// Row-major storage: element (i, j) is `elements[i * columns + j]`.
    public var elements: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// A matrix from nested rows; rows shorter than the longest are padded with zeros.
    public init(_ nested: [[Double]]) {
        let width = nested.map(\.count).max() ?? 0
        self.init(rows: nested.count, columns: width)
        for (i, row) in nested.enumerated() {
            for (j, value) in row.enumerated() { self[i, j] = value }
        }
    }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    public static func diagonal(_ values: [Double]) -> Matrix {
        var m = Matrix(rows: values.count, columns: values.count)
        for (i, v) in values.enumerated() { m[i, i] = v }
        return m
    }

    @inline(__always)
    public subscript(i: Int, j: Int) -> Double {
        get { elements[i * columns + j] }
        set { elements[i * columns + j] = newValue }
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] { Array(elements[(i * columns)..<((i + 1) * columns)]) }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] { (0..<rows).map { self[$0, j] } }

    /// The top-left `r × c` block starting at (`row`, `column`).
    public func block(row: Int, column: Int, rows r: Int, columns c: Int) -> Matrix {
        var out = Matrix(rows: r, columns: c)
        for i in 0..<r {
            for j in 0..<c { out[i, j] = self[row + i, column + j] }
        }
        return out
    }

    /// Maximum absolute column sum (the induced 1-norm).
    public var oneNorm: Double {
        var best = 0.0
        for j in 0..<columns {
            var sum = 0.0
            for i in 0..<rows { sum += abs(self[i, j]) }
            best = Swift.max(best, sum)
        }
        return best
    }

    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.columns == rhs.rows, "matrix product: inner dimensions differ")
        var out = Matrix(rows: lhs.rows, columns: rhs.columns)
        let n = rhs.columns
        lhs.elements.withUnsafeBufferPointer { a in
            rhs.elements.withUnsafeBufferPointer { b in
                out.elements.withUnsafeMutableBufferPointer { c in
                    for i in 0..<lhs.rows {
                        for k in 0..<lhs.columns {
                            let aik = a[i * lhs.columns + k]
                            if aik == 0 { continue }
                            for j in 0..<n { c[i * n + j] += aik * b[k * n + j] }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Matrix–vector product.
    public static func * (lhs: Matrix, rhs: [Double]) -> [Double] {
        precondition(lhs.columns == rhs.count, "matrix-vector product: dimensions differ")
        var out = [Double](repeating: 0, count: lhs.rows)
        for i in 0..<lhs.rows {
            var sum = 0.0
            for j in 0..<lhs.columns { sum += lhs[i, j] * rhs[j] }
            out[i] = sum
        }
        return out
    }

    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "matrix sum: shapes differ")
        var out = lhs
        for k in out.elements.indices { out.elements[k] += rhs.elements[k] }
        return out
    }

    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix { lhs + (-1.0 * rhs) }

    public static func * (scalar: Double, matrix: Matrix) -> Matrix {
        var out = matrix
        for k in out.elements.indices { out.elements[k] *= scalar }
        return out
    }

    /// Solves `self · X = rhs` by Gaussian elimination with partial pivoting.
    /// Returns `nil` when the matrix is singular to working precision.
    public func solve(_ rhs: Matrix) -> Matrix? {
        precondition(rows == columns && rhs.rows == rows, "solve: shapes differ")
        let n = rows
        var a = self
        var b = rhs
        for k in 0..<n {
            var pivot = k
            for i in (k + 1)..<Swift.max(k + 1, n) where abs(a[i, k]) > abs(a[pivot, k]) { pivot = i }
            guard a[pivot, k] != 0, a[pivot, k].isFinite else { return nil }
            if pivot != k {
                for j in 0..<n { let t = a[k, j]; a[k, j] = a[pivot, j]; a[pivot, j] = t }
                for j in 0..<b.columns { let t = b[k, j]; b[k, j] = b[pivot, j]; b[pivot, j] = t }
            }
            let inv = 1 / a[k, k]
            for i in (k + 1)..<Swift.max(k + 1, n) {
                let factor = a[i, k] * inv
                if factor == 0 { continue }
                for j in k..<n { a[i, j] -= factor * a[k, j] }
                for j in 0..<b.columns { b[i, j] -= factor * b[k, j] }
            }
        }
        for k in stride(from: n - 1, through: 0, by: -1) {
            for j in 0..<b.columns {
                var sum = b[k, j]
                for i in (k + 1)..<n { sum -= a[k, i] * b[i, j] }
                b[k, j] = sum / a[k, k]
            }
        }
        return b
    }
}
