// swift-tools-version:5.9
// A template package for the Blue Button Swift bindings (iOS and macOS).
//
// Before use, fill two places (see ../README.md, "Swift"):
// - Sources/BlueButton/: the generated BlueButton.swift and BlueButtonModel.swift.
// - BlueButtonFFI.xcframework: the Rust static library for each platform, with the generated
//   headers and module.modulemap (C module `BlueButtonFFI`).
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
