// Attribute access with Kotlin names, and a record built in Kotlin crossing into Rust: nested
// data classes, the recursive `Observation.components`, Long, UInt and nullable Boolean.

import org.bluebutton.detect
import org.bluebutton.model.FormatKind
import org.bluebutton.model.HealthRecord
import org.bluebutton.model.Observation
import org.bluebutton.model.PersonName
import org.bluebutton.model.Source
import org.bluebutton.model.Value
import org.bluebutton.model.ValueKind
import org.bluebutton.model.Warning
import org.bluebutton.parse
import org.bluebutton.recordToJson
import java.io.File

/** A C-CDA R2.1 CCD from HL7's examples: patient Eve Betterhalf, allergies to penicillin and codeine. */
const val HL7_CCD = "../shared/corpus/ccda/hl7-c-cda-examples/CCD_1_CCD.XML"

fun emptySource(line: UInt = 0u) = Source(
    sectionCode = null, section = null, line = line, column = 0u, templateIds = emptyList(),
    path = null, file = null, label = null, codes = emptyList(),
)

fun emptyValue() = Value(
    kind = ValueKind.ABSENT, sourceType = null, quantity = null, range = null, ratio = null,
    coded = null, text = null, integer = null, boolean = null, time = null, attachment = null,
    nullFlavor = null,
)

fun observation(value: Value?, components: List<Observation>, source: Source = emptySource()) = Observation(
    ids = emptyList(), status = null, mood = null, negated = false, categories = emptyList(),
    code = null, time = null, value = value, interpretations = emptyList(),
    referenceRanges = emptyList(), method = null, bodySites = emptyList(), specimen = null,
    performers = emptyList(), participants = emptyList(), authors = emptyList(),
    components = components, notes = emptyList(), encounterIds = emptyList(),
    text = null, source = source,
)

/** The record of the first golden case: an input known to parse. */
fun goldenRecord(root: File): HealthRecord = parse(goldenCases(root).first().input.readBytes())

fun recordTests(t: Tests, root: File) {
    t.check("record: top-level fields have Kotlin names and types") {
        val case = goldenCases(root).first()
        val record = parse(case.input.readBytes())
        val kind: FormatKind = record.format.kind
        val family: String? = record.patient.name?.family
        val warnings: List<Warning> = record.warnings
        expectEq(kind.name, detect(case.input.readBytes()).kind.name, "record.format.kind against detect")
        expect(family == null || family.isNotBlank()) { "blank family name" }
        expect(warnings.all { it.message.isNotBlank() }) { "a warning without a message" }
    }

    t.check("record: a record built in Kotlin serializes in Rust with every value intact") {
        val name = PersonName(
            usage = "L", prefix = emptyList(), given = listOf("Ada", "King"), family = "Lovelace",
            suffix = emptyList(), text = null, period = null, nullFlavor = null,
        )
        val big = 9_007_199_254_740_993L // 2^53 + 1: survives only as a 64-bit integer
        val inner = observation(emptyValue().copy(kind = ValueKind.BOOLEAN, boolean = false), emptyList())
        val middle = observation(emptyValue().copy(kind = ValueKind.INTEGER, integer = big), listOf(inner))
        val outer = observation(null, listOf(middle), emptySource(line = 4_000_000_000u))
        val base = goldenRecord(root)
        val record = base.copy(patient = base.patient.copy(name = name), socialHistory = listOf(outer))

        // Reading back on the Kotlin side.
        expectEq(record.patient.name?.family, "Lovelace", "record.patient.name?.family")
        val integer: Long? = record.socialHistory[0].components[0].value?.integer
        expectEq(integer, big, "components[0].value?.integer")
        val flag: Boolean? = record.socialHistory[0].components[0].components[0].value?.boolean
        expectEq(flag, false, "nested value?.boolean")
        val line: UInt = record.socialHistory[0].source.line
        expectEq(line, 4_000_000_000u, "source.line")

        // And in Rust's JSON.
        val json = recordToJson(record)
        for (fragment in listOf(
            "\"family\": \"Lovelace\"", "\"given\": [\n        \"Ada\",\n        \"King\"\n      ]",
            "\"integer\": 9007199254740993", "\"boolean\": false", "\"line\": 4000000000",
            "\"kind\": \"integer\"", "\"kind\": \"boolean\"",
        )) {
            expect(fragment in json) { "JSON lacks $fragment:\n$json" }
        }
        expectEq(Regex("\"components\"").findAll(json).count(), 2, "nested components in JSON")
        expect(!json.contains("\"negated\"")) { "false booleans are left out of the JSON form" }
    }

    t.check("record: data classes compare by value and copy") {
        val a = goldenRecord(root)
        val b = goldenRecord(root)
        expectEq(a, b, "two parses of the same input")
        expect(a.copy(goals = emptyList()) == a) { "copy with an equal list is equal" }
        expect(a.copy(patient = a.patient.copy(deceased = true)) != a) { "copy with a change differs" }
    }

    // Intended behaviour once the C-CDA reader maps the header and allergies.
    t.check("record: HL7 CCD_1 patient name and allergies are reachable by Kotlin names") {
        val record = parse(File(root, HL7_CCD).readBytes())
        expectEq(record.patient.name?.family, "Betterhalf", "record.patient.name?.family")
        expectEq(record.patient.name?.given, listOf("Eve"), "record.patient.name?.given")
        expect(record.allergies.size >= 2) { "record.allergies has ${record.allergies.size} entries" }
        expectEq(record.allergies[0].allergen?.display, "Penicillin", "record.allergies[0].allergen?.display")
    }
}
