// Arithmetic for building expressions. Deliberately no `==`, `<=` or `>=` returning
// constraints: those would shadow Equatable/Comparable. Constraints are added with
// `LinearProgram.addConstraint(_:_:name:)`.

extension LinearExpression {
    public static func + (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
        var result = lhs
        result.add(rhs)
        return result
    }

    public static func - (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
        var result = lhs
        result.add(rhs, scaledBy: -1)
        return result
    }

    public static prefix func - (operand: LinearExpression) -> LinearExpression {
        var result = LinearExpression()
        result.add(operand, scaledBy: -1)
        return result
    }

    public static func * (scale: Double, expression: LinearExpression) -> LinearExpression {
        var result = LinearExpression()
        result.add(expression, scaledBy: scale)
        return result
    }

    public static func * (expression: LinearExpression, scale: Double) -> LinearExpression {
        scale * expression
    }

    public static func + (lhs: LinearExpression, rhs: Variable.ID) -> LinearExpression {
        var result = lhs
        result.add(1, rhs)
        return result
    }

    public static func - (lhs: LinearExpression, rhs: Variable.ID) -> LinearExpression {
        var result = lhs
        result.add(-1, rhs)
        return result
    }

    public static func += (lhs: inout LinearExpression, rhs: LinearExpression) {
        lhs.add(rhs)
    }

    public static func -= (lhs: inout LinearExpression, rhs: LinearExpression) {
        lhs.add(rhs, scaledBy: -1)
    }

    public static func += (lhs: inout LinearExpression, rhs: Variable.ID) {
        lhs.add(1, rhs)
    }
}

extension Variable.ID {
    public static func * (coefficient: Double, variable: Variable.ID) -> LinearExpression {
        var result = LinearExpression()
        result.add(coefficient, variable)
        return result
    }

    public static func * (variable: Variable.ID, coefficient: Double) -> LinearExpression {
        coefficient * variable
    }

    public static func + (lhs: Variable.ID, rhs: Variable.ID) -> LinearExpression {
        LinearExpression(lhs) + rhs
    }

    public static func - (lhs: Variable.ID, rhs: Variable.ID) -> LinearExpression {
        LinearExpression(lhs) - rhs
    }

    public static func + (lhs: Variable.ID, rhs: LinearExpression) -> LinearExpression {
        rhs + lhs
    }

    public static func - (lhs: Variable.ID, rhs: LinearExpression) -> LinearExpression {
        LinearExpression(lhs) - rhs
    }

    public static prefix func - (operand: Variable.ID) -> LinearExpression {
        -1 * operand
    }
}
