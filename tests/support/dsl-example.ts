/**
 * The TARS DSL program of issue 19, for the unit tests of the interpreter and the e2e tests of
 * the run: recursion, TRY/CATCH with a file, FOREACH. It logs `fib(10) = 55`, `no file yet: …`,
 * then `k is 1` to `k is 3`.
 */
export const ISSUE_EXAMPLE = `FUNCTION fib {
    parameters: "n"
    IF {
        condition: "\${n < 2}"
        RETURN {
            value: "\${n}"
        }
    }
    CALL {
        function: "fib"
        arguments: { n: "\${n - 1}" }
        result_variable: "a"
    }
    CALL {
        function: "fib"
        arguments: { n: "\${n - 2}" }
        result_variable: "b"
    }
    RETURN {
        value: "\${a + b}"
    }
}

CALL {
    function: "fib"
    arguments: { n: 10 }
    result_variable: "f"
}

ACTION {
    type: "log"
    message: "fib(10) = \${f}"
}

TRY {
    ACTION {
        type: "file_read"
        path: "missing.txt"
        result_variable: "text"
    }
    CATCH {
        ACTION {
            type: "log"
            message: "no file yet: \${error}"
        }
        ACTION {
            type: "file_write"
            path: "missing.txt"
            content: "made in catch"
        }
    }
}

FOREACH {
    items: "\${[1, 2, 3]}"
    variable: "k"
    ACTION {
        type: "log"
        message: "k is \${k}"
    }
}
`;
