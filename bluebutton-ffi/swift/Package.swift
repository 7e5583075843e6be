// swift-tools-version:5.9
// The Blue Button Swift package (iOS and macOS). `make-package.sh OUT` copies this file into OUT
// with the sources it names; then build the binary target (see ../README.md, "Swift"):
// - Sources/BlueButton/: the generated BlueButton.swift and BlueButtonModel.swift, and the
//   hand-written BlueButtonError+Description.swift.
// - BlueButtonFFI.xcframework: the Rust static library for each platform, with the generated
//   headers and module.modulemap (C module `BlueButtonFFI`) from OUT/headers.
import PackageDescription

let package = Package(
    name: "BlueButton",
    platforms: [.iOS(.v13), .macOS(.v10_15)],
    products: [
        .library(name: "BlueButton", targets: ["BlueButton"]),
    ],
    targets: [
        // The C module both generated Swift files import (`import BlueButtonFFI`).
        .binaryTarget(name: "BlueButtonFFI", path: "BlueButtonFFI.xcframework"),
        // The generated Swift: functions, BlueButtonError and every record type, in one module.
        .target(name: "BlueButton", dependencies: ["BlueButtonFFI"], path: "Sources/BlueButton"),
    ]
)
