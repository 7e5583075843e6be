// The golden vectors: every case in testdata/golden/cases.tsv goes Rust -> Kotlin -> Rust and
// must serialize to exactly the expected file, which proves the whole record crosses the FFI
// both ways without loss.

import org.bluebutton.parse
import org.bluebutton.parseString
import org.bluebutton.parseToJson
import org.bluebutton.recordToFhir
import org.bluebutton.recordToJson
import java.io.File

/** One golden case: its name, its input file and its expected JSON file. */
data class GoldenCase(val name: String, val input: File, val expected: File)

fun goldenCases(root: File): List<GoldenCase> =
    File(root, "testdata/golden/cases.tsv").readLines()
        .filter { it.isNotBlank() && !it.startsWith("#") }
        .map { line ->
            val (name, input) = line.split('\t', limit = 2)
            GoldenCase(name, File(root, input.trim()), File(root, "testdata/golden/$name.json"))
        }

fun goldenTests(t: Tests, root: File) {
    val cases = goldenCases(root)
    t.check("golden: cases.tsv lists at least one case") {
        expect(cases.isNotEmpty()) { "no cases in testdata/golden/cases.tsv" }
    }
    for (case in cases) {
        t.check("golden ${case.name}: parse + recordToJson equals ${case.expected.name}") {
            val record = parse(case.input.readBytes())
            expectSameText(recordToJson(record), case.expected.readText(), "JSON of ${case.name}")
        }
        t.check("golden ${case.name}: parseToJson equals ${case.expected.name}") {
            expectSameText(parseToJson(case.input.readBytes()), case.expected.readText(), "JSON of ${case.name}")
        }
        t.check("golden ${case.name}: recordToFhir equals fhir/${case.expected.name}") {
            val fhir = File(case.expected.parentFile, "fhir/${case.expected.name}")
            expectSameText(recordToFhir(parse(case.input.readBytes())) + "\n", fhir.readText(), "FHIR of ${case.name}")
        }
    }
    cases.firstOrNull()?.let { case ->
        t.check("golden ${case.name}: parseString gives an equal record (data class equality)") {
            val bytes = case.input.readBytes()
            expectEq(parseString(bytes.toString(Charsets.UTF_8)), parse(bytes), "record")
        }
    }
}
