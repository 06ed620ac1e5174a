/// Matrix exponential by scaling and squaring with a diagonal [6/6] Padé approximant
/// (Moler & Van Loan, "Nineteen dubious ways…", SIAM Rev 2003, method 3; Golub & Van Loan Alg. 9.3.1).
///
/// The matrix is scaled by 2^-s so that its 1-norm is at most 1/2; for such X the [6/6] Padé
/// approximant agrees with e^X to better than 1e-16 relative (GVL Thm 9.3.1 bound ≈ 3.4e-16·‖X‖),
/// then the result is squared s times. Its denominator is then provably non-singular
/// (‖D − I‖ < 1), so the solve cannot fail; a Taylor fallback keeps the function total anyway.
public enum MatrixExponential {
    /// The Padé degree used (q = 6).
    static let degree = 6

    /// e^A for a square matrix A.
    public static func exp(_ a: Matrix) -> Matrix {
        precondition(a.rows == a.columns, "exp: matrix must be square")
        let n = a.rows
        if n == 0 { return a }
        let norm = a.oneNorm
        guard norm.isFinite else { return Matrix(rows: n, columns: n, repeating: .nan) }
        var squarings = 0
        if norm > 0.5 {
            squarings = Swift.max(0, Int((norm / 0.5).ceilingLog2))
        }
        let x = (1.0 / Double(1 << squarings)) * a
        var result = pade(x) ?? taylor(x)
        for _ in 0..<squarings { result = result * result }
        return result
    }

    /// The exponential and its integral over one step, by Van Loan's block trick (1978):
    /// exp([[A, I], [0, 0]]·τ) = [[e^{Aτ}, Γ(τ)], [0, I]] with Γ(τ) = ∫₀^τ e^{As} ds.
    ///
    /// Γ turns a constant input `u` (per hour) held over the step into its exact state effect Γ·u.
    public static func expAndIntegral(_ a: Matrix, duration tau: Double) -> (phi: Matrix, gamma: Matrix) {
        let n = a.rows
        var big = Matrix(rows: 2 * n, columns: 2 * n)
        for i in 0..<n {
            for j in 0..<n { big[i, j] = a[i, j] * tau }
            big[i, n + i] = tau
        }
        let e = exp(big)
        return (e.block(row: 0, column: 0, rows: n, columns: n), e.block(row: 0, column: n, rows: n, columns: n))
    }

    /// [q/q] Padé approximant N(X)/D(X) with c_k = c_{k-1}·(q−k+1)/(k·(2q−k+1)).
    static func pade(_ x: Matrix) -> Matrix? {
        let n = x.rows
        var c = 1.0
        var numerator = Matrix.identity(n)
        var denominator = Matrix.identity(n)
        var power = Matrix.identity(n)
        for k in 1...degree {
            c *= Double(degree - k + 1) / Double(k * (2 * degree - k + 1))
            power = power * x
            numerator = numerator + c * power
            denominator = denominator + ((k % 2 == 0) ? c : -c) * power
        }
        return denominator.solve(numerator)
    }

    /// Plain Taylor series to 20 terms (only reached if the Padé denominator were singular).
    static func taylor(_ x: Matrix) -> Matrix {
        var sum = Matrix.identity(x.rows)
        var term = Matrix.identity(x.rows)
        for k in 1...20 {
            term = (1.0 / Double(k)) * (term * x)
            sum = sum + term
        }
        return sum
    }
}

extension Double {
    /// ⌈log₂(self)⌉ for self > 1, as a Double (0 for self ≤ 1); no Foundation needed.
    var ceilingLog2: Double {
        guard self > 1 else { return 0 }
        var exponent = 0.0
        var value = 1.0
        while value < self { value *= 2; exponent += 1 }
        return exponent
    }
}
