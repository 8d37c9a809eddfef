package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLinesTest {

    /** The examples of Microsoft's "Parsing C++ command-line arguments" table, plus the edge cases. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'\"abc\" d e'                | abc,d,e",
        "'a\\\\b d\"e f\"g h'          | a\\\\b,de fg,h",
        "'a\\\\\\\"b c d'             | a\\\"b,c,d",
        "'a\\\\\\\\\"b c\" d e'       | a\\\\b c,d,e",
        "'  lead   and\ttabs '        | lead,and,tabs",
        "'\"\" x'                     | ,x",
        "'trailing\\\\'               | trailing\\\\",
    })
    void parsesArgumentsLikeCommandLineToArgvW(String line, String expected) {
        List<String> want = new ArrayList<>(List.of(expected.split(",", -1)));
        assertEquals(want, CommandLines.parseArguments(line));
    }

    @Test
    void theProgramNameEndsAtTheNextQuoteWithoutEscapes() {
        assertEquals(List.of("C:\\Program Files\\a\\", "x"), CommandLines.parse("\"C:\\Program Files\\a\\\" x"));
        assertEquals(List.of("C:\\bin\\app.exe", "a b"), CommandLines.parse("C:\\bin\\app.exe \"a b\""));
        assertEquals(List.of("app"), CommandLines.parse("app   "));
    }

    @Test
    void quotesOnlyWhatNeedsQuoting() {
        assertEquals("plain", CommandLines.quote("plain"));
        assertEquals("C:\\dir\\", CommandLines.quote("C:\\dir\\"));
        assertEquals("\"\"", CommandLines.quote(""));
        assertEquals("\"a b\"", CommandLines.quote("a b"));
        assertEquals("\"tab\there\"", CommandLines.quote("tab\there"));
        assertEquals("\"say \\\"hi\\\"\"", CommandLines.quote("say \"hi\""));
        assertEquals("\"C:\\Program Files\\\\\"", CommandLines.quote("C:\\Program Files\\"));
        assertEquals("\"a\\\\\\\"b\"", CommandLines.quote("a\\\"b"));
    }

    @Test
    void joinRoundTripsThroughTheParserForAwkwardArguments() {
        List<String> args = List.of("--restore", "C:\\Users\\Ann Lee\\state.json", "", "end\\", "q\"uote",
                "\\\\server\\share\\", " ", "\t", "x\\\\\"y", "--rmkit-cwd", "C:\\Work Dir\\");
        String line = "\"C:\\Program Files\\rmkit\\burner.exe\" " + CommandLines.join(args);
        List<String> parsed = CommandLines.parse(line);
        assertEquals("C:\\Program Files\\rmkit\\burner.exe", parsed.get(0));
        assertEquals(args, parsed.subList(1, parsed.size()));
    }

    @Test
    void joinRoundTripsForThousandsOfRandomArgumentLists() {
        Random random = new Random(20240901L);
        char[] alphabet = {'a', 'Z', ' ', '\t', '"', '\\', '\\', 'é', '\n', '-'};
        for (int round = 0; round < 3000; round++) {
            List<String> args = new ArrayList<>();
            int count = random.nextInt(6);
            for (int i = 0; i < count; i++) {
                StringBuilder sb = new StringBuilder();
                int len = random.nextInt(9);
                for (int j = 0; j < len; j++) {
                    sb.append(alphabet[random.nextInt(alphabet.length)]);
                }
                args.add(sb.toString());
            }
            assertEquals(args, CommandLines.parseArguments(CommandLines.join(args)), "round " + round + ": " + args);
        }
    }
}
