/// How to solve: limits, presolve, simplex method, MIP search settings and warm start.
///
/// Programs without integer variables are solved by the simplex method (`glp_simplex`),
/// others by branch-and-cut (`glp_intopt`). Defaults follow GLPK's, except: presolve is
/// off for LPs (so an infeasible LP still leaves a basis and exact statuses) and on for
/// MIPs, and there is a 60 s safety time limit.
public struct SolveOptions: Sendable {
    /// The simplex variant (`glp_smcp.meth`).
    public enum SimplexMethod: Sendable, Hashable {
        /// Two-phase primal simplex (`GLP_PRIMAL`, GLPK's default).
        case primal
        /// Two-phase dual simplex (`GLP_DUAL`).
        case dual
        /// Dual simplex, switching to primal if it fails (`GLP_DUALP`).
        case dualThenPrimal
    }

    /// Cutting planes for branch-and-cut (all off by default, as in GLPK).
    public struct Cuts: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Gomory mixed-integer cuts (`gmi_cuts`).
        public static let gomory = Cuts(rawValue: 1)
        /// Mixed-integer rounding cuts (`mir_cuts`).
        public static let mixedIntegerRounding = Cuts(rawValue: 2)
        /// Mixed cover cuts (`cov_cuts`).
        public static let cover = Cuts(rawValue: 4)
        /// Clique cuts (`clq_cuts`).
        public static let clique = Cuts(rawValue: 8)
        /// All of them.
        public static let all: Cuts = [.gomory, .mixedIntegerRounding, .cover, .clique]
    }

    /// Primal heuristics for branch-and-cut (GLPK's default: simple rounding only).
    public struct Heuristics: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Feasibility pump (`fp_heur`).
        public static let feasibilityPump = Heuristics(rawValue: 1)
        /// Proximity search (`ps_heur`).
        public static let proximitySearch = Heuristics(rawValue: 2)
        /// Simple rounding (`sr_heur`).
        public static let simpleRounding = Heuristics(rawValue: 4)
    }

    /// Branching variable choice (`glp_iocp.br_tech`).
    public enum Branching: Sendable, Hashable {
        /// `GLP_BR_FFV`.
        case firstFractional
        /// `GLP_BR_LFV`.
        case lastFractional
        /// `GLP_BR_MFV`.
        case mostFractional
        /// `GLP_BR_DTH` (GLPK's default).
        case driebeckTomlin
        /// `GLP_BR_PCH`.
        case hybridPseudocost
    }

    /// Node selection when backtracking (`glp_iocp.bt_tech`).
    public enum Backtracking: Sendable, Hashable {
        /// `GLP_BT_DFS`.
        case depthFirst
        /// `GLP_BT_BFS`.
        case breadthFirst
        /// `GLP_BT_BLB` (GLPK's default).
        case bestLocalBound
        /// `GLP_BT_BPH`.
        case bestProjection
    }

    /// How much GLPK writes into ``SolveOutcome/solverLog`` (never to the terminal).
    public enum LogLevel: Sendable, Hashable {
        /// `GLP_MSG_OFF`: only fatal error text.
        case off
        /// `GLP_MSG_ERR`: errors and warnings.
        case errors
        /// `GLP_MSG_ON`: normal progress output.
        case normal
        /// `GLP_MSG_ALL`: everything.
        case all
    }

    /// Wall-clock limit shared by all solver phases; nil for none. Default 60 s.
    public var timeLimit: Duration?
    /// Simplex iteration limit (LP, and the MIP root LP when presolve is off); nil for none.
    public var iterationLimit: Int?
    /// Presolve on/off; nil chooses per problem: off for LP, on for MIP.
    /// A warm start is ignored when presolve is on (the presolver builds its own basis).
    public var presolve: Bool?
    /// Simplex variant. Default ``SimplexMethod/primal``.
    public var simplexMethod: SimplexMethod
    /// Stop branch-and-cut once the relative gap `|best − bound| / (|best| + ε)` is at
    /// most this (`glp_iocp.mip_gap`); nil for 0 (prove optimality).
    public var relativeGap: Double?
    /// Cutting planes. Default none.
    public var cuts: Cuts
    /// Primal heuristics. Default simple rounding.
    public var heuristics: Heuristics
    /// Branching rule. Default ``Branching/driebeckTomlin``.
    public var branching: Branching
    /// Backtracking rule. Default ``Backtracking/bestLocalBound``.
    public var backtracking: Backtracking
    /// MIP: stop once branch-and-cut has created this many nodes (``TerminationReason/nodeLimit``).
    /// Unlike a time limit, the result does not depend on machine speed. nil for none.
    public var nodeLimit: Int?
    /// MIP: a known integer-feasible point (one value per variable) offered to branch-and-cut as
    /// its first incumbent. Used only without presolve (set ``presolve`` to false).
    public var mipStart: [Double]?
    /// Initial basis, usually ``SolveOutcome/basis`` of an earlier solve of a program
    /// with the same rows and columns (bounds and coefficients may differ).
    public var warmStart: Basis?
    /// Solve a MIP's LP relaxation instead (integrality ignored).
    public var relaxIntegrality: Bool
    /// Solver output captured in the outcome. Default ``LogLevel/off``.
    public var logLevel: LogLevel
    /// A row or column counts as active at a bound when within
    /// `bindingTolerance · max(1, |bound|)` of it (``Solution/bindingConstraints``,
    /// elastic violations). Default 1e-7 (GLPK's primal feasibility tolerance).
    public var bindingTolerance: Double

    /// Options; every parameter defaults as documented on its property.
    public init(
        timeLimit: Duration? = .seconds(60),
        iterationLimit: Int? = nil,
        presolve: Bool? = nil,
        simplexMethod: SimplexMethod = .primal,
        relativeGap: Double? = nil,
        cuts: Cuts = [],
        heuristics: Heuristics = [.simpleRounding],
        branching: Branching = .driebeckTomlin,
        backtracking: Backtracking = .bestLocalBound,
        warmStart: Basis? = nil,
        relaxIntegrality: Bool = false,
        logLevel: LogLevel = .off,
        bindingTolerance: Double = 1e-7,
        nodeLimit: Int? = nil,
        mipStart: [Double]? = nil
    ) {
        self.nodeLimit = nodeLimit
        self.mipStart = mipStart
        self.timeLimit = timeLimit
        self.iterationLimit = iterationLimit
        self.presolve = presolve
        self.simplexMethod = simplexMethod
        self.relativeGap = relativeGap
        self.cuts = cuts
        self.heuristics = heuristics
        self.branching = branching
        self.backtracking = backtracking
        self.warmStart = warmStart
        self.relaxIntegrality = relaxIntegrality
        self.logLevel = logLevel
        self.bindingTolerance = bindingTolerance
    }

    /// The time limit in whole milliseconds for GLPK (`Int32.max` for none).
    var timeLimitMilliseconds: Int32 {
        guard let timeLimit else { return Int32.max }
        let (seconds, attoseconds) = timeLimit.components
        let ms = Double(seconds) * 1e3 + Double(attoseconds) / 1e15
        return ms >= Double(Int32.max) ? Int32.max : Swift.max(1, Int32(ms.rounded(.up)))
    }

    /// Problems with the option values (each becomes a ``ModelIssue`` about ``ModelIssue/Subject/options``).
    func issues() -> [ModelIssue] {
        var issues: [ModelIssue] = []
        func invalid(_ name: String, _ value: String, _ expected: String) {
            issues.append(ModelIssue(.options, .invalidOption(name: name, value: value, expected: expected)))
        }
        if let timeLimit, timeLimit <= .zero { invalid("timeLimit", "\(timeLimit)", "a positive duration or nil") }
        if let iterationLimit, iterationLimit <= 0 || iterationLimit >= Int(Int32.max) {
            invalid("iterationLimit", "\(iterationLimit)", "1 ..< \(Int32.max) or nil")
        }
        if let relativeGap, !(relativeGap.isFinite && relativeGap >= 0) {
            invalid("relativeGap", "\(relativeGap)", "a finite number ≥ 0 or nil")
        }
        if !(bindingTolerance.isFinite && bindingTolerance >= 0) {
            invalid("bindingTolerance", "\(bindingTolerance)", "a finite number ≥ 0")
        }
        return issues
    }
}
