#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Musl)
@_exported import Musl
#elseif canImport(Darwin)
@_exported import Darwin
#endif

/// Small dense symmetric linear algebra for the optimiser (p ≤ a few dozen parameters).
public enum DenseAlgebra {
    /// Cholesky factor L (row-major, lower) of a symmetric positive-definite p×p matrix, or nil. With
    /// `semidefinite`, a non-positive pivot gives a zero column instead of nil (L·Lᵀ then equals a for a
    /// positive semi-definite a: the sampling factor of a covariance with exact zeros).
    public static func cholesky(_ a: [[Double]], semidefinite: Bool = false) -> [[Double]]? {
        let n = a.count
        var l = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i][j]
                for k in 0..<j { sum -= l[i][k] * l[j][k] }
                if i == j {
                    guard sum > 0, sum.isFinite else {
                        if semidefinite { continue }
                        return nil
                    }
                    l[i][i] = sum.squareRoot()
                } else {
                    l[i][j] = l[j][j] > 0 ? sum / l[j][j] : 0
                }
            }
        }
        return l
    }

    /// Solves A x = b with A = L Lᵀ.
    static func solve(cholesky l: [[Double]], _ b: [Double]) -> [Double] {
        let n = b.count
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= l[i][k] * y[k] }
            y[i] /= l[i][i]
        }
        var x = y
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n { x[i] -= l[k][i] * x[k] }
            x[i] /= l[i][i]
        }
        return x
    }

    /// Inverse of a symmetric positive-definite matrix, or nil.
    static func inverse(_ a: [[Double]]) -> [[Double]]? {
        guard let l = cholesky(a) else { return nil }
        let n = a.count
        var columns: [[Double]] = []
        for j in 0..<n {
            var e = Array(repeating: 0.0, count: n)
            e[j] = 1
            columns.append(solve(cholesky: l, e))
        }
        return (0..<n).map { i in (0..<n).map { j in columns[j][i] } }
    }

    /// JᵀJ for a Jacobian stored as rows (one per residual).
    static func gram(_ jacobian: [[Double]], columns p: Int) -> [[Double]] {
        var h = Array(repeating: Array(repeating: 0.0, count: p), count: p)
        for row in jacobian {
            for i in 0..<p where row[i] != 0 {
                for j in 0...i { h[i][j] += row[i] * row[j] }
            }
        }
        for i in 0..<p { for j in 0..<i { h[j][i] = h[i][j] } }
        return h
    }

    /// Jᵀr.
    static func gradient(_ jacobian: [[Double]], _ r: [Double], columns p: Int) -> [Double] {
        var g = Array(repeating: 0.0, count: p)
        for (row, ri) in zip(jacobian, r) { for i in 0..<p { g[i] += row[i] * ri } }
        return g
    }
}
