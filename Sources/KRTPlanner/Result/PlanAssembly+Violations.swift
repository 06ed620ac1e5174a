import KRTKinetics
import KRTUnits

extension PlanAssembly {
    /// Where the simulated course crosses a hard bound: per solute and side, the first and the worst
    /// report time, the worst distance beyond the bound and the area beyond it (trapezoids between report
    /// times). The bounds hold from the first step on, as in the plan model, so the starting value (t = 0)
    /// is not judged; it still enters the area of the first interval.
    func boundViolations() -> [BoundViolation] {
        let times = report.times
        var violations: [BoundViolation] = []
        for solute in Solute.planned {
            let values = report.serum(solute)
            let hard = problem.limits.hard(solute)
            let sides: [(side: String, bound: Double, excess: (Double) -> Double)] = [
                ("below", hard.lowerBound, { max(0, hard.lowerBound - $0) }),
                ("above", hard.upperBound, { max(0, $0 - hard.upperBound) }),
            ]
            for side in sides {
                let excess = values.map(side.excess)
                let judged = excess.indices.filter { $0 > 0 && times[$0] > 1e-9 && excess[$0] > Self.violationTolerance }
                guard let first = judged.first, let worst = judged.max(by: { excess[$0] < excess[$1] }) else { continue }
                var area = 0.0
                for k in 0..<max(0, min(times.count, excess.count) - 1) {
                    area += (times[k + 1] - times[k]) * (excess[k] + excess[k + 1]) / 2
                }
                violations.append(BoundViolation(solute: solute, side: side.side, bound: side.bound, firstAt: times[first],
                                                 worstAt: times[worst], worstBy: excess[worst], area: area))
            }
        }
        return violations
    }

    /// Distance beyond a hard bound (mmol/L) below which a level counts as on the bound (solver round-off).
    static let violationTolerance = 1e-6
}
