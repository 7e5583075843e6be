// A small JSON reader for the tests, so they can compute expectations from the record's JSON
// form independently of the Kotlin record objects. Objects become maps (in order), arrays
// lists, numbers their text, and strings, booleans and null themselves.

/** Reads one JSON value from [text]; throws [IllegalArgumentException] on malformed input. */
fun parseJson(text: String): Any? {
    val reader = JsonReader(text)
    val value = reader.value()
    reader.skipSpace()
    require(reader.pos == text.length) { "trailing text at offset ${reader.pos}" }
    return value
}

class JsonReader(private val text: String) {
    var pos = 0
        private set

    fun skipSpace() {
        while (pos < text.length && text[pos].isWhitespace()) pos++
    }

    private fun expectChar(c: Char) {
        skipSpace()
        require(pos < text.length && text[pos] == c) { "expected '$c' at offset $pos" }
        pos++
    }

    private fun peek(): Char {
        skipSpace()
        require(pos < text.length) { "unexpected end of JSON" }
        return text[pos]
    }

    fun value(): Any? = when (peek()) {
        '{' -> obj()
        '[' -> array()
        '"' -> string()
        't' -> literal("true", true)
        'f' -> literal("false", false)
        'n' -> literal("null", null)
        else -> number()
    }

    private fun obj(): Map<String, Any?> {
        val map = LinkedHashMap<String, Any?>()
        expectChar('{')
        if (peek() == '}') { pos++; return map }
        while (true) {
            val key = string()
            expectChar(':')
            map[key] = value()
            if (peek() == ',') pos++ else break
        }
        expectChar('}')
        return map
    }

    private fun array(): List<Any?> {
        val list = ArrayList<Any?>()
        expectChar('[')
        if (peek() == ']') { pos++; return list }
        while (true) {
            list.add(value())
            if (peek() == ',') pos++ else break
        }
        expectChar(']')
        return list
    }

    private fun string(): String {
        expectChar('"')
        val out = StringBuilder()
        while (true) {
            require(pos < text.length) { "unterminated string" }
            val c = text[pos++]
            when (c) {
                '"' -> return out.toString()
                '\\' -> {
                    val e = text[pos++]
                    when (e) {
                        'n' -> out.append('\n')
                        't' -> out.append('\t')
                        'r' -> out.append('\r')
                        'b' -> out.append('\b')
                        'f' -> out.append('\u000c')
                        'u' -> { out.append(text.substring(pos, pos + 4).toInt(16).toChar()); pos += 4 }
                        else -> out.append(e)
                    }
                }
                else -> out.append(c)
            }
        }
    }

    private fun literal(word: String, value: Any?): Any? {
        require(text.startsWith(word, pos)) { "expected $word at offset $pos" }
        pos += word.length
        return value
    }

    private fun number(): String {
        val start = pos
        while (pos < text.length && (text[pos].isDigit() || text[pos] in "+-.eE")) pos++
        require(pos > start) { "unexpected '${text[start]}' at offset $start" }
        return text.substring(start, pos)
    }
}
