// Bad input becomes a BlueButtonException subclass with readable fields and text, never a
// crash, and its text never quotes the input.

import org.bluebutton.BlueButtonException
import org.bluebutton.model.InputKind
import org.bluebutton.parse
import org.bluebutton.parseString
import org.bluebutton.parseToJson
import java.io.File

const val MALFORMED_XML = "<?xml version=\"1.0\"?>\n" +
    "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">\n" +
    "  <title>SENTINEL-TITLE</titel>\n" +
    "</ClinicalDocument>\n"

/** Every variant, handled exhaustively: this compiles only while the Kotlin class is sealed. */
fun kindOf(e: BlueButtonException): String = when (e) {
    is BlueButtonException.Empty -> "empty"
    is BlueButtonException.NotAHealthRecord -> "not_a_health_record"
    is BlueButtonException.Malformed -> "malformed"
    is BlueButtonException.Incomplete -> "incomplete"
    is BlueButtonException.Unsupported -> "unsupported"
    is BlueButtonException.LimitExceeded -> "limit_exceeded"
    is BlueButtonException.Encoding -> "encoding"
    is BlueButtonException.Other -> "other"
}

/** The text an exception shows: `reason` in `message`, the whole sentence in `toString()`. */
fun expectReadable(e: BlueButtonException, reason: String) {
    expect(reason.isNotBlank()) { "blank reason in $e" }
    expect(e.message?.startsWith("reason=$reason") == true) { "message is <${e.message}>" }
    expect(e.toString().startsWith(reason)) { "toString() is <$e>" }
}

fun errorTests(t: Tests, root: File) {
    t.check("error: toString() is the Rust text with its position; message lists the fields") {
        val e = BlueButtonException.Malformed(reason = "unexpected end tag", line = 3u, column = 9u)
        expectEq(e.toString(), "unexpected end tag (line 3, column 9)", "toString()")
        expectEq(e.message, "reason=unexpected end tag, line=3, column=9", "message")
        expectEq(BlueButtonException.Empty("no content").toString(), "no content", "toString() without a position")
    }

    t.check("error: empty input throws Empty with a reason") {
        val e = expectThrows<BlueButtonException.Empty> { parse(ByteArray(0)) }
        expectReadable(e, e.reason)
        expectEq(kindOf(e), "empty", "kind")
    }

    t.check("error: white space only throws Empty") {
        expectThrows<BlueButtonException.Empty> { parseString("  \n\t\n") }
    }

    t.check("error: parseToJson throws the same exceptions as parse") {
        expectThrows<BlueButtonException.Empty> { parseToJson(ByteArray(0)) }
    }

    t.check("error: exceptions are catchable as BlueButtonException and as Exception") {
        val caught: Exception = expectThrows<Exception> { parse(ByteArray(0)) }
        expect(caught is BlueButtonException) { "caught ${caught::class}" }
    }

    t.check("error: non-health JSON throws NotAHealthRecord naming JSON") {
        val e = expectThrows<BlueButtonException.NotAHealthRecord> {
            parse(File(root, "../shared/corpus/bad/example.json").readBytes())
        }
        expectReadable(e, e.reason)
        expectEq(e.input, InputKind.JSON, "e.input")
    }

    t.check("error: malformed XML throws Malformed at line 3") {
        val e = expectThrows<BlueButtonException.Malformed> { parseString(MALFORMED_XML) }
        expectEq(e.line, 3u, "e.line")
        expect(e.column != null) { "e.column is null" }
        expectReadable(e, e.reason)
        expect(e.toString().contains("line 3")) { "toString() lacks the line: <$e>" }
        expect(e.message!!.contains("line=3")) { "message lacks the line: <${e.message}>" }
    }

    t.check("error: messages never quote the input") {
        val e = expectThrows<BlueButtonException> { parseString(MALFORMED_XML) }
        for (text in listOf(e.message ?: "", e.toString())) {
            expect(!text.contains("SENTINEL")) { "error text quotes the input: <$text>" }
        }
    }

    t.check("error: an HTML page throws NotAHealthRecord naming HTML") {
        val e = expectThrows<BlueButtonException.NotAHealthRecord> {
            parseString("<!DOCTYPE html>\n<html><head><title>Summary</title></head><body></body></html>\n")
        }
        expectEq(e.input, InputKind.HTML, "e.input")
    }

    t.check("error: a PDF throws NotAHealthRecord naming PDF") {
        val e = expectThrows<BlueButtonException.NotAHealthRecord> {
            parse("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n".toByteArray(Charsets.ISO_8859_1))
        }
        expectEq(e.input, InputKind.PDF, "e.input")
    }
}
