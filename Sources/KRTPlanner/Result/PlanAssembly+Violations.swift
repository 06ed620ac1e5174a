import KRTUnits

extension PlanAssembly {
    /// Where the simulated course leaves the hard bounds: per solute and side, first and worst time,
    /// worst distance and area beyond the bound.
    func violations() -> [BoundViolation] {
        var result: [BoundViolation] = []
        for solute in Solute.planned {
            let hard = problem.limits.hard(solute)
            let times = fine.times, values = fine.serum(solute)
            for side in ["below", "above"] {
                let bound = side == "below" ? hard.lowerBound : hard.upperBound
                func beyond(_ value: Double) -> Double { side == "below" ? bound - value : value - bound }
                var first: Double? = nil, worst = (at: 0.0, by: 0.0), area = 0.0
                for (k, (time, value)) in zip(times, values).enumerated() {
                    let distance = beyond(value)
                    if distance > 1e-9 {
                        if first == nil { first = time }
                        if distance > worst.by { worst = (time, distance) }
                    }
                    if k > 0 { area += (times[k] - times[k - 1]) * (max(0, beyond(values[k - 1])) + max(0, distance)) / 2 }
                }
                // The starting level is given; only the course after it counts against the plan.
                if let first, first > 0 || area > 1e-9 {
                    result.append(BoundViolation(solute: solute, side: side, bound: bound, firstAt: first, worstAt: worst.at,
                                                 worstBy: worst.by, area: area))
                }
            }
        }
        return result
    }

    /// Total area beyond the hard bounds (mmol/L·h).
    var violationArea: Double { violations().reduce(0) { $0 + $1.area } }
}
