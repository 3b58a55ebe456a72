package dev.scms.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Fts5TokenizerTest {

    /** Words that exercise every step of the Porter stemmer, and text beyond ASCII. */
    private static final String WORDS = """
            caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized
            hopping tanned falling hissing fizzed failing filing happy sky relational conditional rational
            valenci hesitanci digitizer conformabli radicalli differentli vileli analogousli vietnamization
            predication operator feudalism decisiveness hopefulness callousness formaliti sensitiviti
            sensibiliti triplicate formative formalize electriciti electrical hopeful goodness revival
            allowance inference airliner gyroscopic adjustable defensible irritant replacement adjustment
            dependent adoption homologou communism activate angulariti homologous effective bowdlerize probate
            rate cease controll roll generalizations oscillators running ran dogs yes flying toying sky's
            agreement generously eed ed ing ies sses ss is as us bus gases ying eying dying lying tying
            buying saying obeyed playing y yy ay oy boy abilities ableness alizes icated iciti ousness
            NullPointerException getUserById utf8 x86_64 v1.2.3 0xDEADBEEF ubuntu-latest re-running
            café naïve Ørsted ÉCOLE straße İstanbul 日本語 naïvetés coöperate
            """;

    @Test
    void splitsFoldsAndStemsAsFts5() throws SQLException {
        assertThat(Fts5Tokenizer.tokens(WORDS)).containsExactlyElementsOf(fts5Tokens(WORDS));
    }

    @Test
    void leavesShortAndLongTokensUnstemmed() throws SQLException {
        String text = "as is us " + "ational".repeat(10) + " " + "running".repeat(9);
        assertThat(Fts5Tokenizer.tokens(text)).containsExactlyElementsOf(fts5Tokens(text));
    }

    @Test
    void tellsAsciiTextApart() {
        assertThat(Fts5Tokenizer.isAscii("NullPointerException at line 3")).isTrue();
        assertThat(Fts5Tokenizer.isAscii("café")).isFalse();
    }

    /** Returns the tokens FTS5 stores for the text in one column, in order. */
    static List<String> fts5Tokens(String text) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE VIRTUAL TABLE t USING fts5 (body,"
                    + " tokenize = 'porter unicode61 remove_diacritics 2')");
            statement.execute("CREATE VIRTUAL TABLE v USING fts5vocab (t, instance)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (body) VALUES (?)")) {
                insert.setString(1, text);
                insert.execute();
            }
            List<String> tokens = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT term FROM v ORDER BY offset")) {
                while (rows.next()) {
                    tokens.add(rows.getString(1));
                }
            }
            return tokens;
        }
    }
}
