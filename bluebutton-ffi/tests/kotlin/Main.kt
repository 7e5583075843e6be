// Kotlin tests of the uniffi bindings, run on the JVM through JNA by `bluebutton-ffi/test.sh`.
//
// Usage: java -Dsummary.classpath=... ... MainKt <repo root> <generated bindings dir>
// (`summary.classpath` runs the example examples/kotlin/Summary.kt.)
// They check conversion, errors and the example only; parsing rules are tested in Rust.
// The last line printed is `N passed, N failed`; the exit status is non-zero on any failure.

import java.io.File
import kotlin.system.exitProcess

/** Collects results; each check runs in isolation so one failure does not hide the rest. */
class Tests {
    var passed = 0
        private set
    var failed = 0
        private set

    fun check(name: String, body: () -> Unit) {
        try {
            body()
            passed++
            println("ok    $name")
        } catch (e: Throwable) {
            failed++
            println("FAIL  $name: $e")
        }
    }
}

fun expect(condition: Boolean, message: () -> String) {
    if (!condition) throw AssertionError(message())
}

fun <T> expectEq(actual: T, expected: T, what: String) {
    if (actual != expected) throw AssertionError("$what: expected <$expected>, got <$actual>")
}

/** Compares two texts; on a difference, names the first line that differs instead of both texts. */
fun expectSameText(actual: String, expected: String, what: String) {
    if (actual == expected) return
    val a = actual.lines()
    val e = expected.lines()
    val i = (0 until maxOf(a.size, e.size)).first { a.getOrNull(it) != e.getOrNull(it) }
    throw AssertionError(
        "$what differs first at line ${i + 1}: expected <${e.getOrNull(i) ?: "end of text"}>, " +
            "got <${a.getOrNull(i) ?: "end of text"}> (${a.size} lines, expected ${e.size})",
    )
}

/** Runs [block], which must throw an [E]; returns it. */
inline fun <reified E : Throwable> expectThrows(block: () -> Unit): E {
    try {
        block()
    } catch (e: Throwable) {
        if (e is E) return e
        throw AssertionError("expected ${E::class.simpleName}, got $e")
    }
    throw AssertionError("expected ${E::class.simpleName}, nothing was thrown")
}

fun main(args: Array<String>) {
    val root = File(args.getOrElse(0) { "." }).canonicalFile
    val bindings = File(args.getOrElse(1) { "bluebutton-ffi/bindings" }).canonicalFile
    val t = Tests()
    goldenTests(t, root)
    recordTests(t, root)
    errorTests(t, root)
    detectTests(t, root)
    exampleTests(t, root)
    swiftTests(t, root, bindings)
    println("${t.passed} passed, ${t.failed} failed")
    exitProcess(if (t.failed == 0 && t.passed > 0) 0 else 1)
}
