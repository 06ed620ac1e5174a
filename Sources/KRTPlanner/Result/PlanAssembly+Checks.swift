import KRTKinetics
import KRTUnits

extension PlanAssembly {
    /// Every order (written and planned) against every limit, after solving, by the one ``LimitEngine``;
    /// gates read the simulated serum level at the order time.
    func limitChecks() -> [LimitCheck] {
        LimitEngine.checks(orders: orders, caps: problem.caps) { solute, time in value(solute, at: time) }
    }
}
