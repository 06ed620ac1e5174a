import KRTPlanner
import Testing
@testable import KRTReport

/// Chart labels for orders: short drug name, then the dose as ordered.
@Suite struct OrderLabelTests {
    func order(_ drug: String, dose: String) -> PlannedOrder {
        PlannedOrder(at: 0, drug: drug, units: 1, dose: dose, route: "intravenous", line: "central", duration: 1,
                     rate: "", delivers: [], reason: "")
    }

    @Test(arguments: [
        ("Potassium chloride 20 mmol/100 mL (premixed)", "3 × KCl 20 mmol (60 mmol K)", "Potassium chloride: 3 × KCl 20 mmol"),
        ("Magnesium sulfate injection (as heptahydrate)", "4 × MgSO4 1 g (16.24 mmol Mg)", "Magnesium sulfate: 4 × MgSO4 1 g"),
        ("Potassium phosphates injection 3 mmol P/mL (4.4 mEq K/mL)", "1 × phosphate 15 mmol (15 mmol PO4)",
         "Potassium phosphates: 1 × phosphate 15 mmol"),
        ("K-Phos Neutral / Phospha 250 Neutral tablet", "2 × 1 tablet (16.14 mmol PO4)", "K-Phos Neutral: 2 × 1 tablet"),
        ("Potassium chloride oral 10 mmol", "8.11 mmol K (0.81 × KCl 10 mmol)", "Potassium chloride oral: 8.11 mmol K"),
        ("20 mmol something", "1 unit", "20 mmol something: 1 unit"),
    ])
    func chartLabelsUseTheShortDrugNameAndTheDose(drug: String, dose: String, label: String) {
        #expect(order(drug, dose: dose).label == label)
    }
}
