// Prints what a health-record file holds: its format, the patient, one `name: count` line per
// section, then the warnings. Uses the Kotlin bindings (package org.bluebutton); README.md
// beside this file has the commands to build and run it.
//
//   java ... SummaryKt record.xml
//
// Exit status: 0 when the file was read, 1 when it was not (the reason goes to stderr), 2 on
// usage errors.

import org.bluebutton.BlueButtonException
import org.bluebutton.model.HealthRecord
import org.bluebutton.model.Patient
import org.bluebutton.parse
import java.io.File
import kotlin.system.exitProcess

fun main(args: Array<String>) {
    val path = args.singleOrNull() ?: run {
        System.err.println("usage: SummaryKt FILE")
        exitProcess(2)
    }
    val file = File(path)
    val record = try {
        parse(file.readBytes())
    } catch (e: BlueButtonException) {
        System.err.println("${file.name}: not read: ${describe(e)}")
        exitProcess(1)
    } catch (e: java.io.IOException) {
        System.err.println("${file.name}: cannot open: ${e.message}")
        exitProcess(1)
    }

    val format = record.format
    println("${file.name}: " + listOfNotNull(format.kind.name, format.version, format.documentType).joinToString(" "))
    println("patient: ${patientLine(record.patient)}")
    println("sections:")
    for ((name, count) in sectionCounts(record)) println("  $name: $count")
    println("warnings: ${record.warnings.size}")
    for (w in record.warnings) {
        val at = listOfNotNull(w.line?.let { "line $it" }, w.column?.let { "column $it" })
        val where = if (at.isEmpty()) "" else " (${at.joinToString(", ")})"
        println("  ${w.code}$where: ${w.message}")
    }
}

/** One line for an exception: its kind, where it happened when known, and why. */
fun describe(e: BlueButtonException): String = when (e) {
    // Malformed input, exceeded limits and bad encodings carry a 1-based position.
    is BlueButtonException.Malformed -> "MALFORMED${position(e.line, e.column)}: ${e.reason}"
    is BlueButtonException.LimitExceeded -> "LIMIT_EXCEEDED${position(e.line, e.column)}: ${e.reason}"
    is BlueButtonException.Encoding -> "ENCODING${position(e.line, e.column)}: ${e.reason}"
    // These name what the input was detected as instead (HTML, PDF, FHIR_JSON, ...).
    is BlueButtonException.NotAHealthRecord -> "NOT_A_HEALTH_RECORD (${e.input}): ${e.reason}"
    is BlueButtonException.Incomplete -> "INCOMPLETE (${e.input}): ${e.reason}"
    is BlueButtonException.Unsupported -> "UNSUPPORTED (${e.input}): ${e.reason}"
    is BlueButtonException.Empty -> "EMPTY: ${e.reason}"
    is BlueButtonException.Other -> "OTHER: ${e.reason}"
}

fun position(line: UInt?, column: UInt?): String = when {
    line != null && column != null -> " at line $line, column $column"
    line != null -> " at line $line"
    else -> ""
}

fun patientLine(patient: Patient): String {
    val name = patient.name?.let { n ->
        n.text ?: (n.given + listOfNotNull(n.family)).joinToString(" ").ifEmpty { null }
    }
    val born = patient.birthTime?.value?.let { "born $it" }
    val gender = patient.gender?.let { it.display ?: it.code }
    return listOfNotNull(name ?: "(no name)", born, gender).joinToString(", ")
}

/** Every list of entries in the record, by its Kotlin property name (the warnings apart). */
fun sectionCounts(r: HealthRecord): List<Pair<String, Int>> = listOf(
    "allergies" to r.allergies.size,
    "medications" to r.medications.size,
    "problems" to r.problems.size,
    "procedures" to r.procedures.size,
    "results" to r.results.size,
    "vitals" to r.vitals.size,
    "immunizations" to r.immunizations.size,
    "encounters" to r.encounters.size,
    "socialHistory" to r.socialHistory.size,
    "planOfCare" to r.planOfCare.size,
    "goals" to r.goals.size,
    "healthConcerns" to r.healthConcerns.size,
    "functionalStatus" to r.functionalStatus.size,
    "mentalStatus" to r.mentalStatus.size,
    "familyHistory" to r.familyHistory.size,
    "medicalEquipment" to r.medicalEquipment.size,
    "advanceDirectives" to r.advanceDirectives.size,
    "payers" to r.payers.size,
    "coverage" to r.coverage.size,
    "claims" to r.claims.size,
    "careTeam" to r.careTeam.size,
    "notes" to r.notes.size,
    "other" to r.other.size,
)
