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
                let start = problem.initialSerum[solute] ?? bound
                // Within the correction window a start beyond the bound only has to get no worse (docs/planner.md §3).
                let relaxed = side == "below" ? min(bound, start) : max(bound, start)
                var time = 0.0
                func beyond(_ value: Double) -> Double {
                    let effective = time <= problem.correctionWindow + 1e-9 ? relaxed : bound
                    return side == "below" ? effective - value : value - effective
                }
                var first: Double? = nil, worst = (at: 0.0, by: 0.0), area = 0.0
                for (k, (sampleTime, value)) in zip(times, values).enumerated() {
                    time = sampleTime
                    let distance = beyond(value)
                    if distance > Self.violationTolerance {
                        if first == nil { first = sampleTime }
                        if distance > worst.by { worst = (sampleTime, distance) }
                    }
                    if k > 0 {
                        time = times[k - 1]
                        let previous = max(0, beyond(values[k - 1]))
                        time = sampleTime
                        area += (times[k] - times[k - 1]) * (previous + max(0, distance)) / 2
                    }
                }
                // The starting level is given; only the course after it counts against the plan.
                if let first, first > 0 || area > Self.violationTolerance {
                    result.append(BoundViolation(solute: solute, side: side, bound: bound, firstAt: first, worstAt: worst.at,
                                                 worstBy: worst.by, area: area))
                }
            }
        }
        return result
    }

    /// Distance beyond a hard bound (mmol/L) below which a level counts as on the bound (round-off).
    static let violationTolerance = 1e-6

    /// Total area beyond the hard bounds (mmol/L·h).
    var violationArea: Double { violations().reduce(0) { $0 + $1.area } }
}
