//! Voice commands: whether a whole final utterance is "stop", "next", "read the second one", "repeat" or "clear"
//! rather than a search, in the recognition language.
//!
//! Pure, tested on the host in every language. The rule:
//! 1. Fold the utterance: lower case, accents removed (é → e, ß → ss), every run of characters that are not letters
//!    or digits becomes one space (so "d'écouter" is "d ecouter").
//! 2. Drop polite and filler words at either end ("please", "okay", "hey Hark", "bitte", "s'il te plaît",
//!    "por favor", "tolong"…), in any number.
//! 3. What is left must be, word for word, one of the language's command phrases (a recognizer's doubled letter is
//!    forgiven: "stopp" is "stop"). A query that merely contains a command word ("stop sign", "next level
//!    headphones") is therefore a search.
//! 4. "Read …" takes a position: a read verb, any of the language's little words ("the", "number", "result",
//!    "one"), and one ordinal, number word or digit from 1 to 10.
//!
//! English, German, French, Spanish and Indonesian are known; other languages get the English phrases (people
//! often say "stop" whatever they speak).

/// A voice command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoiceCommand {
    /// Stop listening (and any reading).
    Stop,
    /// The next results.
    Next,
    /// Read the result at this position (1-based).
    Read(usize),
    /// Read the last answer again.
    Repeat,
    /// Clear the search.
    Clear,
}

impl VoiceCommand {
    /// A short written acknowledgement.
    pub fn acknowledgement(self) -> String {
        match self {
            Self::Stop => "Okay, I stopped listening and reading.".to_string(),
            Self::Next => "Okay, here are the next results.".to_string(),
            Self::Read(n) => format!("Okay, reading result {n}."),
            Self::Repeat => "Okay, reading the results again.".to_string(),
            Self::Clear => "Okay, the search is cleared.".to_string(),
        }
    }
}

/// One language's command words. All entries are already folded (lower case, no accents).
#[derive(Debug)]
pub struct CommandWords {
    /// The primary language subtag, e.g. `de`.
    pub language: &'static str,
    stop: &'static [&'static str],
    next: &'static [&'static str],
    repeat: &'static [&'static str],
    clear: &'static [&'static str],
    read_verbs: &'static [&'static str],
    read_fillers: &'static [&'static str],
    /// Ordinals and number words, index 0 is position 1.
    positions: &'static [&'static [&'static str]],
    fillers: &'static [&'static str],
    /// One example per command, as shown in "What can I say?" (with accents).
    pub examples: &'static [(&'static str, &'static str)],
}

/// Fillers shared by every language (people mix them in).
const COMMON_FILLERS: &[&str] = &["ok", "okay", "hey", "hark", "um", "uh", "hmm"];

const EN: CommandWords = CommandWords {
    language: "en",
    stop: &["stop", "stop listening", "stop reading", "stop it", "stop talking", "quiet", "be quiet", "silence", "cancel"],
    next: &["next", "next one", "next page", "next results", "next page of results", "more", "more results", "show more", "show more results"],
    repeat: &["repeat", "repeat that", "say that again", "again", "say again"],
    clear: &["clear", "clear search", "clear the search", "clear it", "start over", "reset"],
    read_verbs: &["read"],
    read_fillers: &["the", "number", "result", "item", "one", "out", "me", "no"],
    positions: &[
        &["first", "one", "1st", "1"],
        &["second", "two", "2nd", "2"],
        &["third", "three", "3rd", "3"],
        &["fourth", "four", "4th", "4"],
        &["fifth", "five", "5th", "5"],
        &["sixth", "six", "6th", "6"],
        &["seventh", "seven", "7th", "7"],
        &["eighth", "eight", "8th", "8"],
        &["ninth", "nine", "9th", "9"],
        &["tenth", "ten", "10th", "10"],
    ],
    fillers: &["please", "now", "so", "and", "just", "thanks", "thank", "you", "can", "could", "would"],
    examples: &[
        ("stop", "“stop”, “stop listening”"),
        ("next", "“next”, “more results”"),
        ("read", "“read the second one”, “read number two”"),
        ("repeat", "“repeat”"),
        ("clear", "“clear”"),
    ],
};

const DE: CommandWords = CommandWords {
    language: "de",
    stop: &["stop", "stopp", "halt", "hor auf", "aufhoren", "ruhe", "nicht mehr zuhoren", "zuhoren beenden", "abbrechen"],
    next: &["weiter", "nachste", "nachstes", "nachste seite", "nachste ergebnisse", "mehr", "mehr ergebnisse", "zeig mehr"],
    repeat: &["wiederholen", "wiederhole", "wiederhol das", "noch einmal", "nochmal", "noch mal"],
    clear: &["loschen", "losch das", "leeren", "suche loschen", "suche leeren", "neu anfangen", "zurucksetzen"],
    read_verbs: &["lies", "lese", "lesen", "vorlesen"],
    read_fillers: &["den", "die", "das", "der", "nummer", "ergebnis", "vor", "mir"],
    positions: &[
        &["erste", "ersten", "erstes", "eins", "1"],
        &["zweite", "zweiten", "zweites", "zwei", "2"],
        &["dritte", "dritten", "drittes", "drei", "3"],
        &["vierte", "vierten", "viertes", "vier", "4"],
        &["funfte", "funften", "funftes", "funf", "5"],
        &["sechste", "sechsten", "sechstes", "sechs", "6"],
        &["siebte", "siebten", "siebtes", "sieben", "7"],
        &["achte", "achten", "achtes", "acht", "8"],
        &["neunte", "neunten", "neuntes", "neun", "9"],
        &["zehnte", "zehnten", "zehntes", "zehn", "10"],
    ],
    fillers: &["bitte", "jetzt", "mal", "also", "ahm", "danke", "doch"],
    examples: &[
        ("stop", "„stopp“, „hör auf“"),
        ("next", "„weiter“, „mehr Ergebnisse“"),
        ("read", "„lies das zweite“, „lies Nummer zwei“"),
        ("repeat", "„wiederholen“, „noch einmal“"),
        ("clear", "„löschen“"),
    ],
};

const FR: CommandWords = CommandWords {
    language: "fr",
    stop: &["stop", "arrete", "arreter", "arrete d ecouter", "arrete toi", "tais toi", "silence", "annuler"],
    next: &["suivant", "suivants", "la suite", "page suivante", "resultats suivants", "plus", "plus de resultats", "encore plus"],
    repeat: &["repete", "repeter", "repete ca", "encore", "encore une fois", "redis"],
    clear: &["efface", "effacer", "effacer la recherche", "efface tout", "recommencer", "vider"],
    read_verbs: &["lis", "lire", "lisez"],
    read_fillers: &["le", "la", "l", "numero", "resultat", "moi"],
    positions: &[
        &["premier", "premiere", "un", "une", "1er", "1"],
        &["deuxieme", "second", "seconde", "deux", "2e", "2"],
        &["troisieme", "trois", "3e", "3"],
        &["quatrieme", "quatre", "4e", "4"],
        &["cinquieme", "cinq", "5e", "5"],
        &["sixieme", "six", "6e", "6"],
        &["septieme", "sept", "7e", "7"],
        &["huitieme", "huit", "8e", "8"],
        &["neuvieme", "neuf", "9e", "9"],
        &["dixieme", "dix", "10e", "10"],
    ],
    fillers: &["s", "il", "te", "vous", "plait", "stp", "svp", "d", "accord", "alors", "euh", "merci", "maintenant"],
    examples: &[
        ("stop", "« stop », « arrête d’écouter »"),
        ("next", "« suivant », « plus de résultats »"),
        ("read", "« lis le deuxième », « lis le numéro deux »"),
        ("repeat", "« répète »"),
        ("clear", "« efface »"),
    ],
};

const ES: CommandWords = CommandWords {
    language: "es",
    stop: &["para", "parar", "detente", "alto", "basta", "stop", "deja de escuchar", "deja de leer", "silencio", "cancelar"],
    next: &["siguiente", "siguientes", "mas", "mas resultados", "pagina siguiente", "resultados siguientes", "muestra mas"],
    repeat: &["repite", "repetir", "repitelo", "otra vez", "de nuevo"],
    clear: &["borra", "borrar", "borrar busqueda", "borra la busqueda", "limpiar", "limpia", "empezar de nuevo"],
    read_verbs: &["lee", "leer", "leeme", "lea"],
    read_fillers: &["el", "la", "lo", "numero", "resultado"],
    positions: &[
        &["primero", "primera", "primer", "uno", "una", "1"],
        &["segundo", "segunda", "dos", "2"],
        &["tercero", "tercera", "tercer", "tres", "3"],
        &["cuarto", "cuarta", "cuatro", "4"],
        &["quinto", "quinta", "cinco", "5"],
        &["sexto", "sexta", "seis", "6"],
        &["septimo", "septima", "siete", "7"],
        &["octavo", "octava", "ocho", "8"],
        &["noveno", "novena", "nueve", "9"],
        &["decimo", "decima", "diez", "10"],
    ],
    fillers: &["por", "favor", "vale", "oye", "bueno", "ahora", "gracias", "eh", "pues"],
    examples: &[
        ("stop", "«para», «deja de escuchar»"),
        ("next", "«siguiente», «más resultados»"),
        ("read", "«lee el segundo», «lee el número dos»"),
        ("repeat", "«repite», «otra vez»"),
        ("clear", "«borrar»"),
    ],
};

const ID: CommandWords = CommandWords {
    language: "id",
    stop: &["berhenti", "stop", "setop", "berhenti mendengarkan", "berhenti membaca", "diam", "batal", "sudah"],
    next: &["berikutnya", "selanjutnya", "lanjut", "halaman berikutnya", "hasil berikutnya", "lebih banyak", "hasil lainnya", "lagi"],
    repeat: &["ulangi", "ulang", "sekali lagi", "ulangi lagi"],
    clear: &["hapus", "bersihkan", "hapus pencarian", "mulai lagi", "kosongkan"],
    read_verbs: &["baca", "bacakan", "bacain"],
    read_fillers: &["yang", "nomor", "hasil", "ke"],
    positions: &[
        &["pertama", "satu", "kesatu", "1"],
        &["kedua", "dua", "2"],
        &["ketiga", "tiga", "3"],
        &["keempat", "empat", "4"],
        &["kelima", "lima", "5"],
        &["keenam", "enam", "6"],
        &["ketujuh", "tujuh", "7"],
        &["kedelapan", "delapan", "8"],
        &["kesembilan", "sembilan", "9"],
        &["kesepuluh", "sepuluh", "10"],
    ],
    fillers: &["tolong", "dong", "ya", "oke", "coba", "sekarang", "deh", "sih", "terima", "kasih", "aja", "saja"],
    examples: &[
        ("stop", "“berhenti”, “berhenti mendengarkan”"),
        ("next", "“berikutnya”, “hasil berikutnya”"),
        ("read", "“baca yang kedua”, “baca nomor dua”"),
        ("repeat", "“ulangi”"),
        ("clear", "“hapus”"),
    ],
};

/// Every language with its own command words.
pub const COMMAND_LANGUAGES: [&CommandWords; 5] = [&EN, &DE, &FR, &ES, &ID];

/// The command words for a BCP-47 tag's language (`de-AT` → German); English when the language has none.
pub fn words_for(tag: &str) -> &'static CommandWords {
    let primary = super::languages::primary_language(tag);
    COMMAND_LANGUAGES.into_iter().find(|words| words.language == primary).unwrap_or(&EN)
}

/// The command a whole utterance is, in the language of `tag`, or `None` when it is a search.
pub fn match_command(utterance: &str, tag: &str) -> Option<VoiceCommand> {
    let words = words_for(tag);
    let folded = fold(utterance);
    let tokens: Vec<&str> = folded.split(' ').filter(|t| !t.is_empty()).collect();
    let core = strip_fillers(&tokens, words);
    if core.is_empty() {
        return None;
    }
    let phrase = core.join(" ");
    let is = |list: &[&str]| list.iter().any(|candidate| same_words(candidate, &phrase));
    if is(words.stop) {
        Some(VoiceCommand::Stop)
    } else if is(words.next) {
        Some(VoiceCommand::Next)
    } else if is(words.repeat) {
        Some(VoiceCommand::Repeat)
    } else if is(words.clear) {
        Some(VoiceCommand::Clear)
    } else {
        read_position(core, words).map(VoiceCommand::Read)
    }
}

/// "read" + little words + exactly one position.
fn read_position(core: &[&str], words: &CommandWords) -> Option<usize> {
    let (verb, rest) = core.split_first()?;
    if !words.read_verbs.iter().any(|v| same_words(v, verb)) {
        return None;
    }
    let mut position = None;
    for token in rest {
        if let Some(index) = words.positions.iter().position(|forms| forms.contains(token)) {
            // "read one" is position 1, but "read the second one": "one" after a position is a filler.
            if position.is_some() && words.read_fillers.contains(token) {
                continue;
            }
            if position.replace(index + 1).is_some() {
                return None;
            }
        } else if !words.read_fillers.contains(token) {
            return None;
        }
    }
    position
}

fn strip_fillers<'a, 'b>(tokens: &'b [&'a str], words: &CommandWords) -> &'b [&'a str] {
    let is_filler = |t: &&str| COMMON_FILLERS.contains(t) || words.fillers.contains(t);
    let start = tokens.iter().position(|t| !is_filler(t)).unwrap_or(tokens.len());
    let end = tokens.iter().rposition(|t| !is_filler(t)).map_or(start, |i| i + 1);
    &tokens[start..end.max(start)]
}

/// Word-for-word equality, forgiving doubled letters ("stopp" = "stop", "nexxt" = "next").
fn same_words(a: &str, b: &str) -> bool {
    a == b || undouble(a) == undouble(b)
}

fn undouble(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !out.ends_with(c) || c.is_ascii_digit() {
            out.push(c);
        }
    }
    out
}

/// Lower case, accents removed, punctuation to single spaces.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = fold_char(c);
        if folded.is_empty() {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push_str(folded);
            space = false;
        }
    }
    out.trim_end().to_string()
}

/// A lower-case character without its accent; empty for separators. Covers the Latin letters of the command
/// languages (and a few neighbours), without linking Unicode normalisation tables into the page.
fn fold_char(c: char) -> &'static str {
    const PLAIN: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    if let Some(index) = PLAIN.find(c) {
        return &PLAIN[index..index + 1];
    }
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => "a",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => "o",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        'œ' => "oe",
        'æ' => "ae",
        // Other letters (another script) are kept as a marker so the utterance is not mistaken for a command.
        c if c.is_alphanumeric() => "\u{fffd}",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use VoiceCommand::*;

    fn check(tag: &str, cases: &[(&str, Option<VoiceCommand>)]) {
        for (utterance, expected) in cases {
            assert_eq!(match_command(utterance, tag), *expected, "{tag}: {utterance:?}");
        }
    }

    #[test]
    fn english_commands_tolerant_and_searches_that_contain_them() {
        check(
            "en-US",
            &[
                ("stop", Some(Stop)),
                ("Stop listening.", Some(Stop)),
                ("please stop", Some(Stop)),
                ("stopp", Some(Stop)),
                ("Okay, next", Some(Next)),
                ("more results please", Some(Next)),
                ("next page of results", Some(Next)),
                ("read the second one", Some(Read(2))),
                ("read number two", Some(Read(2))),
                ("Read number 3", Some(Read(3))),
                ("read the 4th", Some(Read(4))),
                ("read one", Some(Read(1))),
                ("repeat", Some(Repeat)),
                ("say that again", Some(Repeat)),
                ("clear", Some(Clear)),
                ("hey hark clear the search", Some(Clear)),
                ("stop sign", None),
                ("next level headphones", None),
                ("more", Some(Next)),
                ("read", None),
                ("read the second book", None),
                ("read two three", None),
                ("text", None),
                ("please", None),
                ("", None),
                ("red running shoes", None),
            ],
        );
    }

    #[test]
    fn german_commands() {
        check(
            "de-DE",
            &[
                ("Stopp", Some(Stop)),
                ("hör auf", Some(Stop)),
                ("bitte aufhören", Some(Stop)),
                ("weiter", Some(Next)),
                ("okay nächste Seite", Some(Next)),
                ("mehr Ergebnisse", Some(Next)),
                ("lies das zweite", Some(Read(2))),
                ("lies Nummer zwei", Some(Read(2))),
                ("lies mir das dritte vor", Some(Read(3))),
                ("noch einmal", Some(Repeat)),
                ("wiederholen bitte", Some(Repeat)),
                ("löschen", Some(Clear)),
                ("Suche löschen", Some(Clear)),
                ("Stoppschild", None),
                ("weiter Weg", None),
                ("rote Schuhe", None),
            ],
        );
    }

    #[test]
    fn french_commands() {
        check(
            "fr-FR",
            &[
                ("Stop", Some(Stop)),
                ("arrête d'écouter", Some(Stop)),
                ("arrête s'il te plaît", Some(Stop)),
                ("suivant", Some(Next)),
                ("d'accord, plus de résultats", Some(Next)),
                ("lis le deuxième", Some(Read(2))),
                ("lis le numéro deux", Some(Read(2))),
                ("répète", Some(Repeat)),
                ("encore une fois", Some(Repeat)),
                ("efface", Some(Clear)),
                ("effacer la recherche", Some(Clear)),
                ("panneau stop", None),
                ("suivant la rivière", None),
            ],
        );
    }

    #[test]
    fn spanish_commands() {
        check(
            "es-ES",
            &[
                ("para", Some(Stop)),
                ("deja de escuchar por favor", Some(Stop)),
                ("siguiente", Some(Next)),
                ("vale, más resultados", Some(Next)),
                ("lee el segundo", Some(Read(2))),
                ("lee el número dos", Some(Read(2))),
                ("repite", Some(Repeat)),
                ("otra vez", Some(Repeat)),
                ("borrar", Some(Clear)),
                ("borrar búsqueda", Some(Clear)),
                ("señal de alto", None),
                ("para niños", None),
            ],
        );
    }

    #[test]
    fn indonesian_commands() {
        check(
            "id-ID",
            &[
                ("berhenti", Some(Stop)),
                ("tolong berhenti", Some(Stop)),
                ("berhenti mendengarkan", Some(Stop)),
                ("berikutnya", Some(Next)),
                ("oke hasil berikutnya", Some(Next)),
                ("baca yang kedua", Some(Read(2))),
                ("baca nomor dua", Some(Read(2))),
                ("ulangi", Some(Repeat)),
                ("sekali lagi", Some(Repeat)),
                ("hapus", Some(Clear)),
                ("hapus pencarian", Some(Clear)),
                ("rambu berhenti", None),
                ("sepatu merah", None),
            ],
        );
    }

    #[test]
    fn the_recognition_language_decides_and_unknown_languages_get_english() {
        assert_eq!(match_command("weiter", "en-US"), None);
        assert_eq!(match_command("weiter", "de-AT"), Some(Next));
        assert_eq!(match_command("stop", "ja-JP"), Some(Stop));
        assert_eq!(match_command("止めて stop", "ja-JP"), None);
        assert_eq!(words_for("pt-BR").language, "en");
        assert_eq!(words_for("id_ID").language, "id");
    }

    #[test]
    fn every_language_lists_an_example_per_command_and_its_words_are_folded() {
        for words in COMMAND_LANGUAGES {
            assert_eq!(words.examples.len(), 5, "{}", words.language);
            for list in [words.stop, words.next, words.repeat, words.clear, words.read_verbs, words.read_fillers, words.fillers]
            {
                for entry in list {
                    assert_eq!(fold(entry), *entry, "{}: {entry:?} must be written folded", words.language);
                }
            }
            assert_eq!(words.positions.len(), 10);
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold("  Arrête d'écouter!! "), "arrete d ecouter");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("—"), "");
    }
}
