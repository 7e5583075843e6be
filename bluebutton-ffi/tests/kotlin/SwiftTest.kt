// The generated Swift package, checked without a Swift compiler: the layout SwiftPM expects,
// the files declare the public API and agree with the C headers, the headers compile as C, and
// every function they declare is exported by the built library (looked up through JNA).

import com.sun.jna.NativeLibrary
import java.io.File
import java.util.concurrent.TimeUnit

val FFI_FUNCTION = Regex("""\b((?:uniffi|ffi)_bluebutton_(?:ffi|model)_\w+)\s*\(""")

/** The one `.binaryTarget(name: ..., path: ...)` in a Package.swift: its name and path. */
val BINARY_TARGET = Regex("""\.binaryTarget\(\s*name:\s*"(\w+)",\s*path:\s*"([^"]+)"\s*\)""")

/** A `.target(name: ..., dependencies: [...], path: ...)`: its name, dependencies and path. */
val SWIFT_TARGET = Regex("""\.target\(\s*name:\s*"(\w+)",\s*dependencies:\s*\[([^\]]*)],\s*path:\s*"([^"]+)"\s*\)""")

/** A `.library(name: ..., targets: [...])` product: its name and targets. */
val LIBRARY_PRODUCT = Regex("""\.library\(\s*name:\s*"(\w+)",\s*targets:\s*\[([^\]]*)]\s*\)""")

fun quotedNames(list: String): List<String> = Regex("\"(\\w+)\"").findAll(list).map { it.groupValues[1] }.toList()

fun swiftTests(t: Tests, root: File, bindings: File) {
    // The package bluebutton-ffi/swift/make-package.sh laid out.
    val pkg = File(bindings, "swift")
    val sources = File(pkg, "Sources/BlueButton")
    val ffiSwift = File(sources, "BlueButton.swift")
    val modelSwift = File(sources, "BlueButtonModel.swift")
    val handWritten = File(root, "bluebutton-ffi/swift/Sources/BlueButton").listFiles().orEmpty().filter { it.name.endsWith(".swift") }
    val headerDir = File(pkg, "headers")
    val headers = listOf(File(headerDir, "bluebutton_ffiFFI.h"), File(headerDir, "bluebutton_modelFFI.h"))
    val modulemap = File(headerDir, "module.modulemap")

    t.check("swift: the generated files exist") {
        for (f in listOf(ffiSwift, modelSwift, modulemap, File(pkg, "Package.swift")) + headers) {
            expect(f.isFile && f.length() > 0) { "missing or empty: $f" }
        }
    }

    t.check("swift: the package layout is what Package.swift names") {
        val manifest = File(pkg, "Package.swift").readText()
        expectEq(manifest, File(root, "bluebutton-ffi/swift/Package.swift").readText(), "Package.swift (a copy of the template)")
        // The library product is the Swift target, which depends on the binary C module.
        val product = LIBRARY_PRODUCT.find(manifest) ?: throw AssertionError("no .library product")
        val target = SWIFT_TARGET.find(manifest) ?: throw AssertionError("no .target")
        val binary = BINARY_TARGET.find(manifest) ?: throw AssertionError("no .binaryTarget")
        val (targetName, dependencies, targetPath) = target.destructured
        val (binaryName, binaryPath) = binary.destructured
        expectEq(quotedNames(product.groupValues[2]), listOf(targetName), "the product's targets")
        expectEq(quotedNames(dependencies), listOf(binaryName), "the Swift target's dependencies")
        expectEq(File(pkg, targetPath).canonicalFile, sources.canonicalFile, "the Swift target's path")
        expectEq(binaryPath, "$binaryName.xcframework", "the binary target's path")
        // The binary target's module is the C module the modulemap declares.
        expect(modulemap.readText().contains("module $binaryName {")) { "module.modulemap does not declare $binaryName" }
        // SwiftPM compiles every file under a target's path: only Swift there, and all of it.
        val present = sources.listFiles().orEmpty().map { it.name }.sorted()
        val wanted = (listOf(ffiSwift.name, modelSwift.name) + handWritten.map { it.name }).sorted()
        expectEq(present, wanted, "files in $targetPath")
        expect(handWritten.isNotEmpty()) { "no hand-written Swift in bluebutton-ffi/swift/Sources/BlueButton" }
    }

    t.check("swift: BlueButtonModel.swift declares the record types") {
        val text = modelSwift.readText()
        for (decl in listOf(
            "public struct HealthRecord", "public struct Observation", "public var components: [Observation]",
            "public var integer: Int64?", "public var boolean: Bool?", "public var family: String?",
            "public var given: [String]",
        )) {
            expect(decl in text) { "BlueButtonModel.swift lacks `$decl`" }
        }
        // Enums without fields list their cases (uniffi.toml: generate_case_iterable_conformance).
        for (e in listOf("InputKind", "FormatKind", "WarningCode")) {
            expect(Regex("""public enum $e\b[^{]*\bCaseIterable\b""").containsMatchIn(text)) { "$e is not CaseIterable" }
        }
    }

    t.check("swift: BlueButton.swift declares the functions and BlueButtonError") {
        val text = ffiSwift.readText()
        for (pattern in listOf(
            // Unlabelled arguments (uniffi.toml: omit_argument_labels): `try parse(data)`.
            """public func parse\(_ data: Data\)\s*throws\s*->\s*HealthRecord""",
            """public func parseString\(_ text: String\)\s*throws\s*->\s*HealthRecord""",
            """public func detect\(_ data: Data\)\s*->\s*Detection""",
            """public func recordToJson\(_ record: HealthRecord\)\s*->\s*String""",
            """public func parseToJson\(_ data: Data\)\s*throws\s*->\s*String""",
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
