// `detect` names what an input is, and never throws.

import org.bluebutton.detect
import org.bluebutton.model.InputKind
import java.io.File

fun detectTests(t: Tests, root: File) {
    t.check("detect: HL7's CCD_1 is CCDA") {
        val d = detect(File(root, HL7_CCD).readBytes())
        expectEq(d.kind, InputKind.CCDA, "kind")
        expect(d.description.isNotBlank()) { "blank description" }
    }

    t.check("detect: empty input is EMPTY") {
        expectEq(detect(ByteArray(0)).kind, InputKind.EMPTY, "kind")
    }

    t.check("detect: non-health JSON is JSON") {
        expectEq(detect("{\"example\":\"json\"}".toByteArray()).kind, InputKind.JSON, "kind")
    }

    t.check("detect: a FHIR resource is FHIR_JSON") {
        val d = detect("{\"resourceType\":\"Patient\",\"id\":\"p1\"}".toByteArray())
        expectEq(d.kind, InputKind.FHIR_JSON, "kind")
    }

    t.check("detect: malformed XML is MALFORMED_XML with its line") {
        val d = detect(MALFORMED_XML.toByteArray())
        expectEq(d.kind, InputKind.MALFORMED_XML, "kind")
        expectEq(d.line, 3u, "line")
    }

    t.check("detect: arbitrary binary never throws") {
        val d = detect(ByteArray(256) { it.toByte() })
        expect(d.kind != InputKind.CCDA) { "binary detected as ${d.kind}" }
    }
}
