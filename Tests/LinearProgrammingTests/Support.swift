import LinearProgramming
import Testing

/// |a − b| ≤ tolerance · max(1, |b|).
func approx(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

/// Fails the test with the error's description instead of an opaque "threw".
func solved(_ model: LinearProgram, _ options: SolveOptions = SolveOptions()) throws -> SolveOutcome {
    try model.solve(options)
}

/// Deterministic pseudo-random numbers (64-bit LCG) for reproducible test models.
struct LCG {
    var state: UInt64
    mutating func next(below bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}

/// Textbook models with known optima.
enum Textbook {
    /// Dantzig's transportation problem (the GAMS `trnsport` model): minimum cost 153.675.
    static func transportation() -> (model: LinearProgram, shipments: [[Variable.ID]]) {
        let plants = ["seattle": 350.0, "san_diego": 600.0]
        let plantOrder = ["seattle", "san_diego"]
        let markets = ["new_york", "chicago", "topeka"]
        let demand = [325.0, 300.0, 275.0]
        let distance = [[2.5, 1.7, 1.8], [2.5, 1.8, 1.4]] // thousands of miles
        var model = LinearProgram(name: "trnsport")
        var shipments: [[Variable.ID]] = []
        var cost = LinearExpression()
        for (i, plant) in plantOrder.enumerated() {
            var row: [Variable.ID] = []
            for (j, market) in markets.enumerated() {
                let x = model.addVariable(name: "ship.\(plant).\(market)")
                cost.add(90 * distance[i][j] / 1000, x)
                row.append(x)
            }
            shipments.append(row)
            model.addConstraint(.sum(row), .atMost(plants[plant] ?? 0), name: "supply.\(plant)")
        }
        for (j, market) in markets.enumerated() {
            model.addConstraint(.sum(shipments.map { $0[j] }), .atLeast(demand[j]), name: "demand.\(market)")
        }
        model.minimize(cost)
        model.objective.name = "cost"
        return (model, shipments)
    }

    /// Hillier & Lieberman's Wyndor Glass: max 3x + 5y; x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18 → 36 at (2, 6).
    static func wyndor() -> (model: LinearProgram, x: Variable.ID, y: Variable.ID) {
        var model = LinearProgram(name: "wyndor")
        let x = model.addVariable(name: "doors")
        let y = model.addVariable(name: "windows")
        model.addConstraint(LinearExpression(x), .atMost(4), name: "plant1")
        model.addConstraint(2 * y, .atMost(12), name: "plant2")
        model.addConstraint(3 * x + 2 * y, .atMost(18), name: "plant3")
        model.maximize(3 * x + 5 * y)
        model.objective.name = "profit"
        return (model, x, y)
    }

    static let knapsackValues = [92.0, 57, 49, 68, 60, 43, 67, 84, 87, 72, 45, 38, 61, 55, 79]
    static let knapsackWeights = [23, 31, 29, 44, 53, 38, 63, 85, 89, 82, 19, 27, 41, 35, 50]
    static let knapsackCapacity = 265

    /// A 0/1 knapsack.
    static func knapsack() -> (model: LinearProgram, items: [Variable.ID]) {
        var model = LinearProgram(name: "knapsack")
        let items = knapsackValues.indices.map { model.addVariable(name: "take\($0)", kind: .binary) }
        model.addConstraint(
            LinearExpression(zip(items, knapsackWeights.map(Double.init))), .atMost(Double(knapsackCapacity)), name: "capacity")
        model.maximize(LinearExpression(zip(items, knapsackValues)))
        return (model, items)
    }

    /// The knapsack optimum by dynamic programming.
    static func knapsackOptimum() -> Double {
        var best = [Double](repeating: 0, count: knapsackCapacity + 1)
        for (value, weight) in zip(knapsackValues, knapsackWeights) {
            for capacity in stride(from: knapsackCapacity, through: weight, by: -1) {
                best[capacity] = max(best[capacity], best[capacity - weight] + value)
            }
        }
        return best[knapsackCapacity]
    }

    /// A market-split instance (Cornuéjols–Dawande): hard for branch-and-bound.
    /// min 100 + Σ (over + under) s.t. Σ_j a_ij x_j + under_i − over_i = ⌊Σ_j a_ij / 2⌋, x binary.
    static func marketSplit(rows: Int = 4, columns: Int = 30) -> LinearProgram {
        var model = LinearProgram(name: "market_split")
        var random = LCG(state: 20240611)
        let x = (0..<columns).map { model.addVariable(name: "x\($0)", kind: .binary) }
        var objective = LinearExpression(constant: 100)
        for i in 0..<rows {
            let a = (0..<columns).map { _ in Double(random.next(below: 100)) }
            let under = model.addVariable(name: "under\(i)")
            let over = model.addVariable(name: "over\(i)")
            var row = LinearExpression(zip(x, a))
            row += under
            row -= LinearExpression(over)
            model.addConstraint(row, .exactly((a.reduce(0, +) / 2).rounded(.down)), name: "split\(i)")
            objective += under + over
        }
        model.minimize(objective)
        return model
    }
}
