//! The WebAssembly API in headless Chromium (wasm-bindgen-test): plain JS objects out,
//! UTF-16 offsets, JS errors for bad lexicons and options.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect};
use surligneur::wasm::{analyze, categories, JsAnalyzer as Analyzer};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE: &str = include_str!("fixtures/lexicon.tsv");

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

fn options(lexicon: &str, extra: &[(&str, JsValue)]) -> JsValue {
    let source = js_sys::Object::new();
    Reflect::set(&source, &"name".into(), &"fixture.tsv".into()).unwrap();
    Reflect::set(&source, &"text".into(), &lexicon.into()).unwrap();
    let options = js_sys::Object::new();
    Reflect::set(&options, &"lexicons".into(), &Array::of1(&source)).unwrap();
    for (k, v) in extra {
        Reflect::set(&options, &(*k).into(), v).unwrap();
    }
    options.into()
}

fn error_message(result: Result<impl Sized, impl Into<JsValue>>) -> Option<String> {
    let value: JsValue = result.err()?.into();
    get(&value, "message").as_string()
}

#[wasm_bindgen_test]
fn spans_are_plain_objects_with_utf16_offsets() {
    let text = "Les milices 🔥 contre l’intervention militaire et le coup d\u{2019}E\u{301}tat.";
    let analyzer = Analyzer::new(options(FIXTURE, &[])).unwrap();
    let analysis = analyzer.analyze(&text.into()).unwrap();
    let js_text = js_sys::JsString::from(text);
    let spans: Array = get(&analysis, "spans").dyn_into().unwrap();
    let want = [
        "milices",
        "intervention militaire",
        "coup d\u{2019}E\u{301}tat",
    ];
    assert_eq!(spans.length() as usize, want.len());
    for (span, want) in spans.iter().zip(want) {
        let (start, end) = (
            get(&span, "start").as_f64().unwrap(),
            get(&span, "end").as_f64().unwrap(),
        );
        let sliced: String = js_text.slice(start as u32, end as u32).into();
        assert_eq!(sliced, want);
        assert_eq!(get(&span, "text").as_string().unwrap(), want);
        assert_eq!(get(&span, "category").as_string().unwrap(), "war");
        assert!(get(&span, "alternative").is_null() || get(&span, "alternative").is_string());
        assert!(Array::is_array(&get(&span, "modifiers")));
    }
    // Categories are a plain object keyed by id, not a Map.
    let war = get(&get(&get(&analysis, "summary"), "categories"), "war");
    assert_eq!(get(&war, "count").as_f64(), Some(3.0));
}

#[wasm_bindgen_test]
fn options_filter() {
    // (option, value, texts of the spans left in "la guerre du dictateur")
    let table: Vec<(&str, JsValue, &[&str])> = vec![
        (
            "categories",
            Array::of1(&"labeling".into()).into(),
            &["dictateur"],
        ),
        ("categories", Array::of1(&"war".into()).into(), &["guerre"]),
        ("minWeight", 1.7.into(), &["dictateur"]),
        ("minWeight", 0.0.into(), &["guerre", "dictateur"]),
    ];
    for (option, value, want) in table {
        let analyzer = Analyzer::new(options(FIXTURE, &[(option, value)])).unwrap();
        let analysis = analyzer.analyze(&"la guerre du dictateur".into()).unwrap();
        let spans: Array = get(&analysis, "spans").dyn_into().unwrap();
        let texts: Vec<String> = spans
            .iter()
            .map(|s| get(&s, "text").as_string().unwrap())
            .collect();
        assert_eq!(texts, want, "{option}");
    }
}

#[wasm_bindgen_test]
fn bad_input_is_a_js_error_not_a_trap() {
    let table: Vec<(JsValue, &str)> = vec![
        (
            options("# ok\nguerre\twarr\t1\t-1\n", &[]),
            "fixture.tsv:2: catégorie inconnue « warr »",
        ),
        (options("x\twar\n", &[]), "fixture.tsv:1: 4 à 8 colonnes"),
        (
            options(
                FIXTURE,
                &[("categories", Array::of1(&"peace".into()).into())],
            ),
            "catégorie inconnue « peace »",
        ),
        (
            options(FIXTURE, &[("minWeight", (-2.0).into())]),
            "poids minimum",
        ),
        (
            options(FIXTURE, &[("colour", true.into())]),
            "options invalides",
        ),
        (JsValue::from(42), "options invalides"),
    ];
    for (opts, want) in table {
        let message = error_message(Analyzer::new(opts)).unwrap_or_default();
        assert!(message.contains(want), "{want}: {message:?}");
    }
    // A text that is not a string is a TypeError naming its type; a string, even empty
    // or with a lone surrogate, is analyzed.
    let texts: Vec<(JsValue, Option<&str>)> = vec![
        (
            JsValue::from(42),
            Some("le texte doit être une chaîne, pas number"),
        ),
        (JsValue::NULL, Some("pas object")),
        (JsValue::UNDEFINED, Some("pas undefined")),
        (js_sys::Object::new().into(), Some("pas object")),
        (JsValue::from_str(""), None),
        (js_sys::JsString::from_char_code1(0xD800).into(), None),
    ];
    let analyzer = Analyzer::new(JsValue::UNDEFINED).unwrap();
    for (text, want) in texts {
        let got = error_message(analyzer.analyze(&text));
        match want {
            Some(want) => assert!(
                got.as_deref().is_some_and(|m| m.contains(want)),
                "{text:?}: {got:?}"
            ),
            None => assert_eq!(got, None, "{text:?}"),
        }
        assert_eq!(
            error_message(analyze(&text, JsValue::UNDEFINED)),
            got,
            "{text:?}"
        );
    }
    // The module still works after the errors.
    assert!(analyze(&"la guerre".into(), JsValue::UNDEFINED).is_ok());
}

#[wasm_bindgen_test]
fn an_analyzer_read_back_from_its_bytes_analyzes_the_same() {
    let text = "Le RÉGIME n’est pas très scandaleux, mais la guerre !! Il aurait menti. 🔥";
    let built = Analyzer::new(options(FIXTURE, &[])).unwrap();
    let bytes = built.to_bytes();
    let again = Analyzer::from_bytes(&bytes, options(FIXTURE, &[])).unwrap();
    let json = |a: &Analyzer| js_sys::JSON::stringify(&a.analyze(&text.into()).unwrap()).unwrap();
    assert_eq!(json(&again), json(&built));
    assert!(
        get(&again.analyze(&text.into()).unwrap(), "spans")
            .unchecked_into::<Array>()
            .length()
            > 0
    );
    // Negative rows: other options, damaged bytes, no snapshot at all: a JS error each.
    let mut damaged = bytes.clone();
    *damaged.last_mut().unwrap() ^= 1;
    let table: Vec<(&[u8], JsValue, &str)> = vec![
        (
            &bytes,
            options(FIXTURE, &[("minWeight", 1.0.into())]),
            "autres lexiques ou options",
        ),
        (&bytes, JsValue::UNDEFINED, "autres lexiques ou options"),
        (&damaged, options(FIXTURE, &[]), "somme de contrôle"),
        (&bytes[..20], options(FIXTURE, &[]), "tronqué"),
        (
            b"guerre\twar\t1\t-1\n",
            options(FIXTURE, &[]),
            "pas un instantané",
        ),
    ];
    for (bytes, opts, want) in table {
        let message = error_message(Analyzer::from_bytes(bytes, opts)).unwrap_or_default();
        assert!(
            message.starts_with("instantané refusé") && message.contains(want),
            "{want}: {message:?}"
        );
    }
}

#[wasm_bindgen_test]
fn categories_are_listed_in_french() {
    let list: Array = categories().unwrap().dyn_into().unwrap();
    assert_eq!(list.length(), 8);
    assert_eq!(get(&list.get(0), "id").as_string().unwrap(), "war");
    assert_eq!(
        get(&list.get(0), "label").as_string().unwrap(),
        "Guerre et militaire"
    );
}
