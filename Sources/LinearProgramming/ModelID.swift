/// An opaque handle to an element (``Variable`` or ``Constraint``) of one program and
/// of programs copied from it; spelled `Variable.ID` and `Constraint.ID`.
///
/// Ids remember which program created them: using an id with another program is
/// reported by validation (and lookups return nil) instead of silently meaning
/// another element.
public struct ModelID<Element>: Sendable, Hashable, Comparable, CustomStringConvertible {
    let program: UInt64
    /// Position of the element in ``LinearProgram/variables`` or
    /// ``LinearProgram/constraints`` (and in the per-variable/per-constraint arrays of
    /// ``Solution`` and ``Basis``).
    public let index: Int

    init(program: UInt64, index: Int) {
        self.program = program
        self.index = index
    }

    public static func < (lhs: ModelID, rhs: ModelID) -> Bool {
        (lhs.program, lhs.index) < (rhs.program, rhs.index)
    }

    public var description: String { "#\(index)" }
}
