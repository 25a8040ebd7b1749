//! Per-language phrase tables (English, German, French, Spanish). Phrases are written folded
//! (lower case, no accents: see `text::fold`), words separated by one space; the longest phrase
//! that matches wins, so "les moins chers" (the cheapest) beats "moins chers" (cheaper).

use super::numbers::Word;
use super::Refinement;

/// The language an utterance is understood in, from the recognition language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English (also the fallback for languages without tables).
    #[default]
    En,
    /// German.
    De,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

impl Lang {
    /// From a BCP-47 tag (`en-US`, `de-CH`, `fr`, `es-MX`); other languages fall back to English.
    pub fn from_tag(tag: &str) -> Lang {
        match crate::speech::languages::primary_language(tag).as_str() {
            "de" => Lang::De,
            "fr" => Lang::Fr,
            "es" => Lang::Es,
            _ => Lang::En,
        }
    }

    /// A single number word (folded), e.g. "fifty", "funfzig", "cent", "doscientos".
    pub(crate) fn number_word(self, w: &str) -> Option<Word> {
        let table: &[(&str, f64)] = match self {
            Lang::En => EN_NUMBERS,
            Lang::De => DE_NUMBERS,
            Lang::Fr => FR_NUMBERS,
            Lang::Es => ES_NUMBERS,
        };
        if let Some((_, v)) = table.iter().find(|(k, _)| *k == w) {
            return Some(Word::Value(*v));
        }
        let (hundred, thousand): (&[&str], &[&str]) = match self {
            Lang::En => (&["hundred", "hundreds"], &["thousand", "thousands", "grand"]),
            Lang::De => (&["hundert"], &["tausend"]),
            Lang::Fr => (&["cent", "cents"], &["mille"]),
            Lang::Es => (&["cien", "ciento"], &["mil"]),
        };
        if hundred.contains(&w) {
            Some(Word::Hundred)
        } else if thousand.contains(&w) {
            Some(Word::Thousand)
        } else {
            None
        }
    }

    /// Words that multiply a number written in digits by 1000 ("2 thousand", "1,5 mil").
    pub(crate) fn thousand_words(self) -> &'static [&'static str] {
        match self {
            Lang::En => &["thousand", "grand"],
            Lang::De => &["tausend"],
            Lang::Fr => &["mille"],
            Lang::Es => &["mil"],
        }
    }

    /// Words joining number words ("one hundred and fifty", "vingt et un", "treinta y cinco").
    pub(crate) fn number_connectors(self) -> &'static [&'static str] {
        match self {
            Lang::En => &["and"],
            Lang::De => &["und"],
            Lang::Fr => &["et"],
            Lang::Es => &["y"],
        }
    }

    /// Whether a connector may follow `current` (a tens value in French and Spanish).
    pub(crate) fn connects_after_tens(self, current: f64) -> bool {
        matches!(self, Lang::Fr | Lang::Es) && current >= 20.0 && current % 10.0 == 0.0 && current < 100.0
    }

    /// Price and number bound phrases (each is followed by a number).
    pub(crate) fn bounds(self) -> &'static [(&'static str, BoundWord)] {
        match self {
            Lang::En => EN_BOUNDS,
            Lang::De => DE_BOUNDS,
            Lang::Fr => FR_BOUNDS,
            Lang::Es => ES_BOUNDS,
        }
    }

    /// The word between the two numbers of a "between" range.
    pub(crate) fn range_joiners(self) -> &'static [&'static str] {
        match self {
            Lang::En => &["and", "to"],
            Lang::De => &["und", "bis"],
            Lang::Fr => &["et", "a"],
            Lang::Es => &["y", "a", "hasta"],
        }
    }

    /// Sort phrases.
    pub(crate) fn sorts(self) -> &'static [(&'static str, SortWord)] {
        match self {
            Lang::En => EN_SORTS,
            Lang::De => DE_SORTS,
            Lang::Fr => FR_SORTS,
            Lang::Es => ES_SORTS,
        }
    }

    /// Refinement phrases.
    pub(crate) fn refinements(self) -> &'static [(&'static str, Refinement)] {
        match self {
            Lang::En => EN_REFINE,
            Lang::De => DE_REFINE,
            Lang::Fr => FR_REFINE,
            Lang::Es => ES_REFINE,
        }
    }

    /// Words that carry no topic: articles, "ones", "show me", politeness, connectors. They do
    /// not make an utterance a new search, and are trimmed from the ends of the remaining text.
    pub(crate) fn filler(self) -> &'static [&'static str] {
        match self {
            Lang::En => &[
                "the", "a", "an", "ones", "one", "those", "these", "them", "that", "some", "show", "me", "please",
                "just", "only", "for", "with", "in", "of", "at", "and", "or", "i", "want", "need", "looking",
                "find", "get", "give", "any", "all", "what", "about", "is", "are", "it", "costing", "cost", "costs",
                "priced", "which", "sorted", "by", "first", "now", "then", "instead", "to", "from", "something",
                "stuff", "items", "products", "thing", "things", "search", "like", "okay", "ok",
            ],
            Lang::De => &[
                "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "nur", "bitte",
                "zeig", "zeige", "zeigen", "mir", "mal", "fur", "mit", "in", "von", "und", "oder", "ich", "suche",
                "mochte", "will", "brauche", "welche", "was", "ist", "sind", "kosten", "kostet", "jetzt",
                "sortiert", "nach", "zuerst", "etwas", "sachen", "artikel", "produkte", "diese", "davon", "bis",
                "ab", "alle", "so",
            ],
            Lang::Fr => &[
                "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "ceux", "celles", "celle", "celui",
                "seulement", "uniquement", "que", "qu'", "montre", "montrez", "moi", "affiche", "afficher",
                "s'il", "te", "vous", "plait", "pour", "avec", "en", "et", "ou", "je", "j'", "veux", "cherche",
                "voudrais", "quels", "quelles", "qui", "coutent", "coute", "maintenant", "tries", "par", "d'abord",
                "abord", "quelque", "chose", "articles", "produits", "a", "tous", "toutes",
            ],
            Lang::Es => &[
                "el", "la", "los", "las", "un", "una", "unos", "unas", "solo", "solamente", "unicamente", "muestra",
                "muestrame", "mostrar", "ensename", "me", "por", "favor", "para", "con", "en", "de", "del", "y", "o",
                "quiero", "busco", "necesito", "que", "cuales", "cuestan", "cuesta", "ahora", "ordenados",
                "primero", "algo", "articulos", "productos", "a", "todos", "todas",
            ],
        }
    }

    /// Currency words and signs (folded) and the ISO code each names.
    pub(crate) fn currencies(self) -> &'static [(&'static str, &'static str)] {
        CURRENCIES
    }
}

/// What a bound phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BoundWord {
    /// Strictly below ("under", "unter", "moins de", "menos de").
    Below,
    /// Up to and including ("up to", "bis", "jusqu'à", "hasta").
    AtMost,
    /// Strictly above ("over", "über", "plus de", "más de").
    Above,
    /// From, including ("at least", "ab", "à partir de", "desde").
    AtLeast,
    /// Within 20 % either side ("around", "etwa", "environ", "alrededor de").
    Around,
    /// Followed by two numbers ("between 20 and 40", "zwischen", "entre").
    Between,
}

/// What a sort phrase asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SortWord {
    /// Lowest price first.
    PriceAsc,
    /// Highest price first.
    PriceDesc,
    /// The date-like number, highest first.
    Newest,
    /// The rating-like number, highest first.
    BestRated,
}

use BoundWord::*;
use SortWord::*;

const CURRENCIES: &[(&str, &str)] = &[
    ("$", "USD"), ("dollar", "USD"), ("dollars", "USD"), ("buck", "USD"), ("bucks", "USD"), ("usd", "USD"),
    ("dolar", "USD"), ("dolares", "USD"), ("€", "EUR"), ("euro", "EUR"), ("euros", "EUR"), ("eur", "EUR"),
    ("£", "GBP"), ("pound", "GBP"), ("pounds", "GBP"), ("quid", "GBP"), ("gbp", "GBP"), ("pfund", "GBP"),
    ("livre", "GBP"), ("livres", "GBP"), ("libra", "GBP"), ("libras", "GBP"), ("¥", "JPY"), ("yen", "JPY"),
    ("franken", "CHF"), ("franc", "CHF"), ("francs", "CHF"), ("chf", "CHF"),
];

const EN_NUMBERS: &[(&str, f64)] = &[
    ("zero", 0.0), ("one", 1.0), ("two", 2.0), ("three", 3.0), ("four", 4.0), ("five", 5.0), ("six", 6.0),
    ("seven", 7.0), ("eight", 8.0), ("nine", 9.0), ("ten", 10.0), ("eleven", 11.0), ("twelve", 12.0),
    ("thirteen", 13.0), ("fourteen", 14.0), ("fifteen", 15.0), ("sixteen", 16.0), ("seventeen", 17.0),
    ("eighteen", 18.0), ("nineteen", 19.0), ("twenty", 20.0), ("thirty", 30.0), ("forty", 40.0),
    ("fifty", 50.0), ("sixty", 60.0), ("seventy", 70.0), ("eighty", 80.0), ("ninety", 90.0),
];

const DE_NUMBERS: &[(&str, f64)] = &[
    ("null", 0.0), ("eins", 1.0), ("ein", 1.0), ("eine", 1.0), ("zwei", 2.0), ("drei", 3.0), ("vier", 4.0),
    ("funf", 5.0), ("sechs", 6.0), ("sieben", 7.0), ("acht", 8.0), ("neun", 9.0), ("zehn", 10.0), ("elf", 11.0),
    ("zwolf", 12.0), ("dreizehn", 13.0), ("vierzehn", 14.0), ("funfzehn", 15.0), ("sechzehn", 16.0),
    ("siebzehn", 17.0), ("achtzehn", 18.0), ("neunzehn", 19.0), ("zwanzig", 20.0), ("dreissig", 30.0),
    ("vierzig", 40.0), ("funfzig", 50.0), ("sechzig", 60.0), ("siebzig", 70.0), ("achtzig", 80.0),
    ("neunzig", 90.0), ("sieb", 7.0),
];

const FR_NUMBERS: &[(&str, f64)] = &[
    ("zero", 0.0), ("un", 1.0), ("une", 1.0), ("deux", 2.0), ("trois", 3.0), ("quatre", 4.0), ("cinq", 5.0),
    ("six", 6.0), ("sept", 7.0), ("huit", 8.0), ("neuf", 9.0), ("dix", 10.0), ("onze", 11.0), ("douze", 12.0),
    ("treize", 13.0), ("quatorze", 14.0), ("quinze", 15.0), ("seize", 16.0), ("vingt", 20.0), ("vingts", 20.0),
    ("trente", 30.0), ("quarante", 40.0), ("cinquante", 50.0), ("soixante", 60.0),
];

const ES_NUMBERS: &[(&str, f64)] = &[
    ("cero", 0.0), ("uno", 1.0), ("un", 1.0), ("una", 1.0), ("dos", 2.0), ("tres", 3.0), ("cuatro", 4.0),
    ("cinco", 5.0), ("seis", 6.0), ("siete", 7.0), ("ocho", 8.0), ("nueve", 9.0), ("diez", 10.0), ("once", 11.0),
    ("doce", 12.0), ("trece", 13.0), ("catorce", 14.0), ("quince", 15.0), ("dieciseis", 16.0),
    ("diecisiete", 17.0), ("dieciocho", 18.0), ("diecinueve", 19.0), ("veinte", 20.0), ("veintiuno", 21.0),
    ("veintidos", 22.0), ("veintitres", 23.0), ("veinticuatro", 24.0), ("veinticinco", 25.0),
    ("veintiseis", 26.0), ("veintisiete", 27.0), ("veintiocho", 28.0), ("veintinueve", 29.0), ("treinta", 30.0),
    ("cuarenta", 40.0), ("cincuenta", 50.0), ("sesenta", 60.0), ("setenta", 70.0), ("ochenta", 80.0),
    ("noventa", 90.0), ("doscientos", 200.0), ("doscientas", 200.0), ("trescientos", 300.0),
    ("cuatrocientos", 400.0), ("quinientos", 500.0), ("seiscientos", 600.0), ("setecientos", 700.0),
    ("ochocientos", 800.0), ("novecientos", 900.0), ("trescientas", 300.0), ("quinientas", 500.0),
    ("cuatrocientas", 400.0),
];

const EN_BOUNDS: &[(&str, BoundWord)] = &[
    ("under", Below), ("below", Below), ("less than", Below), ("cheaper than", Below), ("lower than", Below),
    ("beneath", Below), ("no more than", AtMost), ("not more than", AtMost), ("up to", AtMost),
    ("at most", AtMost), ("max", AtMost), ("maximum", AtMost), ("within", AtMost), ("over", Above),
    ("above", Above), ("more than", Above), ("greater than", Above), ("pricier than", Above),
    ("more expensive than", Above), ("at least", AtLeast), ("from", AtLeast), ("starting at", AtLeast),
    ("minimum", AtLeast), ("around", Around), ("about", Around), ("approximately", Around),
    ("roughly", Around), ("circa", Around), ("for about", Around), ("between", Between), ("less then", Below),
];

const DE_BOUNDS: &[(&str, BoundWord)] = &[
    ("unter", Below), ("unterhalb von", Below), ("weniger als", Below), ("billiger als", Below),
    ("gunstiger als", Below), ("bis", AtMost), ("bis zu", AtMost), ("hochstens", AtMost), ("maximal", AtMost),
    ("uber", Above), ("mehr als", Above), ("teurer als", Above), ("oberhalb von", Above), ("ab", AtLeast),
    ("mindestens", AtLeast), ("um", Around), ("um die", Around), ("ungefahr", Around), ("etwa", Around),
    ("circa", Around), ("rund", Around), ("zwischen", Between), ("von", Between),
];

const FR_BOUNDS: &[(&str, BoundWord)] = &[
    ("moins de", Below), ("moins que", Below), ("sous", Below), ("en dessous de", Below),
    ("en-dessous de", Below), ("au-dessous de", Below), ("moins cher que", Below), ("jusqu' a", AtMost),
    ("au plus", AtMost), ("maximum", AtMost), ("plus de", Above), ("plus que", Above), ("au-dessus de", Above),
    ("au dessus de", Above), ("plus cher que", Above), ("au moins", AtLeast), ("a partir de", AtLeast),
    ("environ", Around), ("autour de", Around), ("a peu pres", Around), ("entre", Between), ("de", Between),
];

const ES_BOUNDS: &[(&str, BoundWord)] = &[
    ("menos de", Below), ("menos que", Below), ("por debajo de", Below), ("bajo", Below),
    ("mas barato que", Below), ("hasta", AtMost), ("como maximo", AtMost), ("maximo", AtMost),
    ("mas de", Above), ("mas que", Above), ("por encima de", Above), ("mas caro que", Above),
    ("al menos", AtLeast), ("desde", AtLeast), ("a partir de", AtLeast), ("como minimo", AtLeast),
    ("alrededor de", Around), ("aproximadamente", Around), ("cerca de", Around), ("entre", Between),
    ("de", Between),
];

const EN_SORTS: &[(&str, SortWord)] = &[
    ("cheapest", PriceAsc), ("cheapest first", PriceAsc), ("cheap", PriceAsc), ("inexpensive", PriceAsc), ("the cheapest", PriceAsc), ("lowest price", PriceAsc),
    ("lowest prices", PriceAsc), ("price low to high", PriceAsc), ("sort by price", PriceAsc),
    ("sorted by price", PriceAsc), ("order by price", PriceAsc), ("by price", PriceAsc),
    ("least expensive", PriceAsc), ("most expensive", PriceDesc), ("the most expensive", PriceDesc),
    ("priciest", PriceDesc), ("highest price", PriceDesc), ("price high to low", PriceDesc),
    ("most expensive first", PriceDesc), ("newest", Newest), ("latest", Newest), ("most recent", Newest),
    ("newest first", Newest), ("best rated", BestRated), ("top rated", BestRated), ("highest rated", BestRated),
    ("best reviewed", BestRated), ("sort by rating", BestRated),
];

const DE_SORTS: &[(&str, SortWord)] = &[
    ("am billigsten", PriceAsc), ("billigste", PriceAsc), ("billig", PriceAsc), ("billige", PriceAsc),
    ("gunstig", PriceAsc), ("gunstige", PriceAsc), ("billigsten", PriceAsc), ("gunstigste", PriceAsc),
    ("gunstigsten", PriceAsc), ("am gunstigsten", PriceAsc), ("nach preis sortieren", PriceAsc),
    ("nach preis", PriceAsc), ("preis aufsteigend", PriceAsc), ("teuerste", PriceDesc), ("teuersten", PriceDesc),
    ("am teuersten", PriceDesc), ("preis absteigend", PriceDesc), ("neueste", Newest), ("neuesten", Newest),
    ("am besten bewertet", BestRated), ("am besten bewertete", BestRated), ("bestbewertete", BestRated),
    ("bestbewerteten", BestRated), ("nach bewertung", BestRated),
];

const FR_SORTS: &[(&str, SortWord)] = &[
    ("pas cher", PriceAsc), ("pas chers", PriceAsc), ("pas chere", PriceAsc), ("pas cheres", PriceAsc),
    ("le moins cher", PriceAsc), ("la moins chere", PriceAsc), ("les moins chers", PriceAsc),
    ("les moins cheres", PriceAsc), ("trier par prix", PriceAsc), ("par prix", PriceAsc),
    ("prix croissant", PriceAsc), ("le plus cher", PriceDesc), ("la plus chere", PriceDesc),
    ("les plus chers", PriceDesc), ("les plus cheres", PriceDesc), ("prix decroissant", PriceDesc),
    ("le plus recent", Newest), ("les plus recents", Newest), ("les plus recentes", Newest),
    ("nouveautes", Newest), ("les mieux notes", BestRated), ("le mieux note", BestRated),
    ("les mieux notees", BestRated), ("mieux notes", BestRated),
];

const ES_SORTS: &[(&str, SortWord)] = &[
    ("el mas barato", PriceAsc), ("la mas barata", PriceAsc), ("los mas baratos", PriceAsc),
    ("las mas baratas", PriceAsc), ("ordenar por precio", PriceAsc), ("por precio", PriceAsc),
    ("precio ascendente", PriceAsc), ("el mas caro", PriceDesc), ("la mas cara", PriceDesc),
    ("los mas caros", PriceDesc), ("las mas caras", PriceDesc), ("precio descendente", PriceDesc),
    ("mas nuevo", Newest), ("mas nuevos", Newest), ("mas recientes", Newest), ("mas reciente", Newest),
    ("mejor valorados", BestRated), ("mejor valorado", BestRated), ("mejor calificados", BestRated),
    ("mejor valoradas", BestRated),
];

use Refinement::{Cheaper, ClearFilters, MoreExpensive, Only, ShowAll};

const EN_REFINE: &[(&str, Refinement)] = &[
    ("only", Only), ("only the", Only), ("just the", Only), ("only show", Only), ("cheaper", Cheaper),
    ("less expensive", Cheaper), ("something cheaper", Cheaper), ("cheaper ones", Cheaper),
    ("more expensive", MoreExpensive), ("pricier", MoreExpensive), ("show all", ShowAll),
    ("show everything", ShowAll), ("show me all", ShowAll), ("all of them", ShowAll), ("everything", ShowAll),
    ("clear filters", ClearFilters), ("clear the filters", ClearFilters), ("remove filters", ClearFilters),
    ("remove the filters", ClearFilters), ("reset filters", ClearFilters), ("no filters", ClearFilters),
    ("clear all filters", ClearFilters),
];

const DE_REFINE: &[(&str, Refinement)] = &[
    ("nur", Only), ("nur die", Only), ("billiger", Cheaper), ("gunstiger", Cheaper), ("teurer", MoreExpensive),
    ("alle anzeigen", ShowAll), ("alles anzeigen", ShowAll), ("zeig alle", ShowAll), ("alles zeigen", ShowAll),
    ("filter loschen", ClearFilters), ("filter entfernen", ClearFilters), ("filter zurucksetzen", ClearFilters),
    ("alle filter loschen", ClearFilters), ("ohne filter", ClearFilters),
];

const FR_REFINE: &[(&str, Refinement)] = &[
    ("seulement", Only), ("uniquement", Only), ("seulement les", Only), ("moins cher", Cheaper),
    ("moins chers", Cheaper), ("moins chere", Cheaper), ("moins cheres", Cheaper), ("plus cher", MoreExpensive),
    ("plus chers", MoreExpensive), ("tout afficher", ShowAll), ("afficher tout", ShowAll),
    ("montre tout", ShowAll), ("tout voir", ShowAll), ("effacer les filtres", ClearFilters),
    ("supprimer les filtres", ClearFilters), ("reinitialiser les filtres", ClearFilters),
    ("sans filtres", ClearFilters),
];

const ES_REFINE: &[(&str, Refinement)] = &[
    ("solo", Only), ("solamente", Only), ("unicamente", Only), ("solo los", Only), ("solo las", Only),
    ("mas barato", Cheaper), ("mas baratos", Cheaper), ("mas barata", Cheaper), ("mas caro", MoreExpensive),
    ("mas caros", MoreExpensive), ("mostrar todo", ShowAll), ("ver todo", ShowAll), ("muestrame todo", ShowAll),
    ("borrar filtros", ClearFilters), ("borrar los filtros", ClearFilters), ("quitar filtros", ClearFilters),
    ("quitar los filtros", ClearFilters),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_pick_the_language() {
        assert_eq!(Lang::from_tag("de-CH"), Lang::De);
        assert_eq!(Lang::from_tag("fr"), Lang::Fr);
        assert_eq!(Lang::from_tag("es_MX"), Lang::Es);
        assert_eq!(Lang::from_tag("ja-JP"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn tables_are_folded() {
        for lang in [Lang::En, Lang::De, Lang::Fr, Lang::Es] {
            let phrases = lang
                .bounds()
                .iter()
                .map(|p| p.0)
                .chain(lang.sorts().iter().map(|p| p.0))
                .chain(lang.refinements().iter().map(|p| p.0))
                .chain(lang.filler().iter().copied());
            for p in phrases {
                assert_eq!(super::super::text::fold(p), p, "{lang:?}: {p}");
                assert!(!p.contains("  ") && !p.starts_with(' ') && !p.ends_with(' '), "{p}");
            }
        }
    }
}
