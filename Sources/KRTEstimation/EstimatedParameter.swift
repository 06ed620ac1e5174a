/// One parameter to estimate: its prior (median and coefficient of variation), the space it is
/// estimated in, and hard bounds. Values are in the caller's units (stated in `unit`).
///
/// The optimiser works on η, the deviation from the median in the transformed space:
///
/// * `.log`:   θ = median · e^η, prior η ~ N(0, ω²), ω² = ln(1 + CV²) (log-normal with that CV);
/// * `.logit`: logit θ = logit(median) + η, ω = CV / (1 − median) (for a fraction in (0, 1): the
///   first-order CV of a logit-normal at the median; docs/fitting.md);
/// * `.identity`: θ = median + η, ω = CV · |median| (or `cv` as an absolute SD when the median is 0).
public struct EstimatedParameter: Sendable, Hashable {
    public enum Transform: String, Sendable, Hashable { case log, logit, identity }

    /// A stable name (used in reports and to match scenarios in a calibration).
    public var name: String
    /// Unit of `median`, the bounds and the estimate (e.g. "L/kg", "L/h", "1").
    public var unit: String
    /// Prior median (= the population value).
    public var median: Double
    /// Prior coefficient of variation (0.3 = 30 %). `nil`: no prior (a calibration's free parameter).
    public var cv: Double?
    public var transform: Transform
    /// Hard bounds on θ (natural units). An estimate closer than 1e-6 (relative, in η) to a bound is
    /// "at the bound" and triggers a restart.
    public var lower: Double
    public var upper: Double

    public init(name: String, unit: String, median: Double, cv: Double?, transform: Transform = .log,
                lower: Double? = nil, upper: Double? = nil) {
        self.name = name
        self.unit = unit
        self.median = median
        self.cv = cv
        self.transform = transform
        switch transform {
        case .log: self.lower = lower ?? median / 100; self.upper = upper ?? median * 100
        case .logit: self.lower = lower ?? 1e-4; self.upper = upper ?? 1 - 1e-4
        case .identity: self.lower = lower ?? -Double.greatestFiniteMagnitude; self.upper = upper ?? Double.greatestFiniteMagnitude
        }
    }

    /// Prior SD ω of η (nil without a prior).
    public var omega: Double? {
        guard let cv else { return nil }
        switch transform {
        case .log: return (log1p(cv * cv)).squareRoot()
        case .logit: return cv / Swift.max(1e-9, 1 - median)
        case .identity: return median == 0 ? cv : cv * abs(median)
        }
    }

    /// θ for a deviation η.
    public func value(eta: Double) -> Double {
        switch transform {
        case .log: return median * exp(eta)
        case .logit:
            let z = logit(median) + eta
            return 1 / (1 + exp(-z))
        case .identity: return median + eta
        }
    }

    /// η for a value θ (inverse of ``value(eta:)``; clamps θ into the transform's domain).
    public func eta(value: Double) -> Double {
        switch transform {
        case .log: return log(Swift.max(value, .leastNormalMagnitude) / median)
        case .logit: return logit(Swift.min(Swift.max(value, 1e-12), 1 - 1e-12)) - logit(median)
        case .identity: return value - median
        }
    }

    /// dθ/dη at η (for the delta method).
    public func derivative(eta: Double) -> Double {
        let theta = value(eta: eta)
        switch transform {
        case .log: return theta
        case .logit: return theta * (1 - theta)
        case .identity: return 1
        }
    }

    /// Whether η lies on (within 10⁻⁶ of, relative) one of the hard bounds.
    public func isAtBound(eta e: Double) -> Bool {
        let b = etaBounds
        return e - b.lowerBound <= 1e-6 * Swift.max(1, abs(b.lowerBound)) || b.upperBound - e <= 1e-6 * Swift.max(1, abs(b.upperBound))
    }

    /// The bounds in η space.
    public var etaBounds: ClosedRange<Double> {
        let a = eta(value: lower), b = eta(value: upper)
        return Swift.min(a, b)...Swift.max(a, b)
    }
}

func logit(_ p: Double) -> Double { log(p / (1 - p)) }
