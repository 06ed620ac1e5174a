import Foundation
import Testing
@testable import KRTKinetics

@Suite("Matrix exponential against closed forms")
struct MatrixExponentialTests {
    func maxDifference(_ a: Matrix, _ b: Matrix) -> Double {
        zip(a.elements, b.elements).map { abs($0 - $1) }.max() ?? 0
    }

    @Test func diagonal() {
        let values = [-3.0, -0.5, 0, 0.7, 2.5, -40]
        let e = MatrixExponential.exp(Matrix.diagonal(values))
        let expected = Matrix.diagonal(values.map { Foundation.exp($0) })
        for i in values.indices {
            #expect(abs(e[i, i] - expected[i, i]) <= 1e-13 * Swift.max(1, expected[i, i]))
        }
        #expect(maxDifference(e, expected) < 1e-13)
    }

    @Test func upperTriangularTwoByTwo() {
        // e^[[a, b], [0, c]] = [[e^a, b (e^a − e^c)/(a − c)], [0, e^c]]
        for (a, b, c) in [(-1.0, 2.0, -3.0), (0.3, -1.5, -0.2), (-7.5, 4.0, -0.01)] {
            let e = MatrixExponential.exp(Matrix([[a, b], [0, c]]))
            let expected = Matrix([[Foundation.exp(a), b * (Foundation.exp(a) - Foundation.exp(c)) / (a - c)], [0, Foundation.exp(c)]])
            #expect(maxDifference(e, expected) < 1e-13)
        }
    }

    @Test func rotationGenerator() {
        // e^[[0, θ], [−θ, 0]] = [[cos θ, sin θ], [−sin θ, cos θ]]
        for theta in [0.1, 1.0, 3.0, 12.0] {
            let e = MatrixExponential.exp(Matrix([[0, theta], [-theta, 0]]))
            let expected = Matrix([[cos(theta), sin(theta)], [-sin(theta), cos(theta)]])
            #expect(maxDifference(e, expected) < 1e-12)
        }
    }

    @Test func nilpotent() {
        // N strictly upper triangular 3×3: e^N = I + N + N²/2 exactly.
        let n = Matrix([[0, 2, -1], [0, 0, 3], [0, 0, 0]])
        let expected = Matrix.identity(3) + n + 0.5 * (n * n)
        #expect(maxDifference(MatrixExponential.exp(n), expected) < 1e-14)
        let big = 50.0 * n
        let expectedBig = Matrix.identity(3) + big + 0.5 * (big * big)
        #expect(maxDifference(MatrixExponential.exp(big), expectedBig) < 1e-10 * expectedBig.oneNorm)
    }

    @Test func vanLoanIntegral() {
        // Γ(τ) = ∫₀^τ e^{λs} ds = (e^{λτ} − 1)/λ for diagonal A; τ·I for A = 0.
        let values = [-2.0, -0.1, 0.5]
        let tau = 3.7
        let (phi, gamma) = MatrixExponential.expAndIntegral(Matrix.diagonal(values), duration: tau)
        for (i, l) in values.enumerated() {
            #expect(abs(phi[i, i] - Foundation.exp(l * tau)) < 1e-12 * Swift.max(1, phi[i, i]))
            #expect(abs(gamma[i, i] - (Foundation.exp(l * tau) - 1) / l) < 1e-12 * Swift.max(1, gamma[i, i]))
        }
        let (_, zeroGamma) = MatrixExponential.expAndIntegral(Matrix(rows: 2, columns: 2), duration: tau)
        #expect(maxDifference(zeroGamma, tau * Matrix.identity(2)) < 1e-14)
    }

    @Test func solveRecoversKnownSolution() {
        let a = Matrix([[4, -2, 1], [3, 6, -4], [2, 1, 8]])
        let x = Matrix([[1], [-2], [0.5]])
        let b = a * x
        let solved = a.solve(b)
        #expect(solved != nil)
        if let solved { #expect(maxDifference(solved, x) < 1e-14) }
        #expect(Matrix([[1, 2], [2, 4]]).solve(Matrix([[1], [1]])) == nil)
    }
}
