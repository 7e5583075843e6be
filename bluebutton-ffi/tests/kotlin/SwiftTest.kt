// The generated Swift bindings, checked without a Swift compiler: the files exist, declare the
// public API, agree with the C headers, the headers compile as C, and every function they
// declare is exported by the built library (looked up through JNA).

import com.sun.jna.NativeLibrary
import java.io.File
import java.util.concurrent.TimeUnit

val FFI_FUNCTION = Regex("""\b((?:uniffi|ffi)_bluebutton_(?:ffi|model)_\w+)\s*\(""")

fun swiftTests(t: Tests, root: File, bindings: File) {
    val dir = File(bindings, "swift")
    val ffiSwift = File(dir, "BlueButton.swift")
    val modelSwift = File(dir, "BlueButtonModel.swift")
    val headers = listOf(File(dir, "bluebutton_ffiFFI.h"), File(dir, "bluebutton_modelFFI.h"))
    val modulemap = File(dir, "module.modulemap")

    t.check("swift: the generated files exist") {
        for (f in listOf(ffiSwift, modelSwift, modulemap) + headers) {
            expect(f.isFile && f.length() > 0) { "missing or empty: $f" }
        }
    }

    t.check("swift: BlueButtonModel.swift declares the record types") {
        val text = modelSwift.readText()
        for (decl in listOf(
            "public struct HealthRecord", "public struct Observation", "public var components: [Observation]",
            "public var integer: Int64?", "public var boolean: Bool?", "public enum InputKind",
        )) {
            expect(decl in text) { "BlueButtonModel.swift lacks `$decl`" }
        }
    }

    t.check("swift: BlueButton.swift declares the functions and BlueButtonError") {
        val text = ffiSwift.readText()
        for (pattern in listOf(
            """public func parse\(data: Data\)\s*throws\s*->\s*HealthRecord""",
            """public func parseString\(text: String\)\s*throws\s*->\s*HealthRecord""",
            """public func detect\(data: Data\)\s*->\s*Detection""",
            """public func recordToJson\(record: HealthRecord\)\s*->\s*String""",
            """public func parseToJson\(data: Data\)\s*throws\s*->\s*String""",
            """enum BlueButtonError: Swift\.Error""",
            """case Malformed\(""",
            """public var description: String""",
        )) {
            expect(Regex(pattern).containsMatchIn(text)) { "BlueButton.swift lacks /$pattern/" }
        }
    }

    t.check("swift: both files import the one C module named in module.modulemap") {
        val map = modulemap.readText()
        expect(map.contains("module BlueButtonFFI {")) { "module.modulemap: $map" }
        for (h in headers) expect(map.contains("header \"${h.name}\"")) { "module.modulemap lacks ${h.name}" }
        for (f in listOf(ffiSwift, modelSwift)) {
            expect(f.readText().contains("import BlueButtonFFI")) { "${f.name} does not import BlueButtonFFI" }
        }
        val pkg = File(root, "bluebutton-ffi/swift/Package.swift").readText()
        expect(pkg.contains("\"BlueButtonFFI\"") && pkg.contains("\"BlueButton\"")) { "Package.swift names other modules" }
    }

    t.check("swift: every FFI function the Swift code calls is declared in a header") {
        val declared = headers.flatMap { h -> FFI_FUNCTION.findAll(h.readText()).map { it.groupValues[1] } }.toSet()
        val called = listOf(ffiSwift, modelSwift).flatMap { f -> FFI_FUNCTION.findAll(f.readText()).map { it.groupValues[1] } }.toSet()
        expect(called.isNotEmpty()) { "no FFI calls found in the Swift sources" }
        val missing = called - declared
        expect(missing.isEmpty()) { "called but not declared: $missing" }
    }

    t.check("swift: every function the headers declare is exported by the library") {
        val lib = NativeLibrary.getInstance("bluebutton_ffi")
        val declared = headers.flatMap { h -> FFI_FUNCTION.findAll(h.readText()).map { it.groupValues[1] } }.toSet()
        expect(declared.size > 10) { "only ${declared.size} functions declared" }
        val missing = declared.filter { name -> runCatching { lib.getFunction(name) }.isFailure }
        expect(missing.isEmpty()) { "not exported by ${lib.file}: $missing" }
    }

    t.check("swift: the two headers compile together as C") {
        val args = listOf("cc", "-fsyntax-only", "-Werror", "-D_Nullable=", "-D_Nonnull=") +
            headers.flatMap { listOf("-include", it.path) } + listOf("-x", "c", "/dev/null")
        val proc = ProcessBuilder(args).redirectErrorStream(true).start()
        val output = proc.inputStream.bufferedReader().readText()
        expect(proc.waitFor(60, TimeUnit.SECONDS) && proc.exitValue() == 0) { "cc failed:\n$output" }
    }
}
