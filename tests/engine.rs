//! The engine's behaviour, rule by rule, on the team's fixture lexicon
//! (`tests/fixtures/lexicon.tsv`) and the embedded rule words: tables with negative rows.

use surligneur::{Analysis, Analyzer, Category, ModifierKind, Span};

const FIXTURE: &str = include_str!("fixtures/lexicon.tsv");

fn analyzer() -> &'static Analyzer {
    static ANALYZER: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
    ANALYZER.get_or_init(|| {
        // The fixture alone, with the embedded rule words.
        let rules = surligneur_rules();
        Analyzer::builder()
            .without_embedded()
            .lexicon("fixture.tsv", FIXTURE)
            .rules("rules.tsv", rules)
            .build()
            .unwrap_or_else(|e| panic!("{e}"))
    })
}

fn surligneur_rules() -> &'static str {
    include_str!("../lexicons/rules.tsv")
}

fn analyze(text: &str) -> Analysis {
    analyzer().analyze(text).unwrap_or_else(|e| panic!("{e}"))
}

/// `(text, category)` of each span.
fn found(text: &str) -> Vec<(String, &'static str)> {
    analyze(text)
        .spans
        .iter()
        .map(|s| (s.text.clone(), s.category.id()))
        .collect()
}

/// Checks each row of a table: a text and the `(text, category)` of each span it makes.
fn assert_found(table: &[(&str, &[(&str, &str)])]) {
    for (text, want) in table {
        let want: Vec<(String, &str)> = want.iter().map(|&(t, c)| (t.to_string(), c)).collect();
        assert_eq!(found(text), want, "{text:?}");
    }
}

/// The text of each span, in order.
fn texts(analysis: &Analysis) -> Vec<String> {
    analysis.spans.iter().map(|s| s.text.clone()).collect()
}

/// The text of each `unsourced` span of `text`, in order.
fn unsourced(text: &str) -> Vec<String> {
    analyze(text)
        .spans
        .iter()
        .filter(|s| s.category == Category::Unsourced)
        .map(|s| s.text.clone())
        .collect()
}

fn span<'a>(analysis: &'a Analysis, text: &str) -> &'a Span {
    analysis
        .spans
        .iter()
        .find(|s| s.text == text)
        .unwrap_or_else(|| panic!("no span {text:?} in {:?}", analysis.spans))
}

/// JS's `text.slice(start, end)`, on UTF-16 code units.
fn js_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start..end]).expect("span on UTF-16 boundaries")
}

#[test]
fn matches_french_spelling_variants() {
    let table: &[(&str, &[(&str, &str)])] = &[
        ("La guerre.", &[("guerre", "war")]),
        ("Les GUERRES !", &[("GUERRES", "war")]),
        (
            "Un coup d’État, un Coup d'Etat, un COUP D’ÉTAT.",
            &[
                ("coup d’État", "war"),
                ("Coup d'Etat", "war"),
                ("COUP D’ÉTAT", "war"),
            ],
        ),
        ("Deux coups d'État", &[("coups d'État", "war")]),
        (
            "un coup d\u{2019}E\u{301}tat",
            &[("coup d\u{2019}E\u{301}tat", "war")],
        ),
        (
            "l’intervention\u{A0}militaire",
            &[("intervention\u{A0}militaire", "war")],
        ),
        (
            "l’intervention\u{202F}militaire",
            &[("intervention\u{202F}militaire", "war")],
        ),
        (
            "les interventions\r\nmilitaires",
            &[("interventions\r\nmilitaires", "war")],
        ),
        (
            "des interventions   militaires",
            &[("interventions   militaires", "war")],
        ),
        ("un va-t-en-guerre", &[("va-t-en-guerre", "labeling")]),
        ("l'ex-dictateur", &[("dictateur", "labeling")]),
        (
            "Ils bombardent, ont bombardé, bombarderont",
            &[
                ("bombardent", "war"),
                ("bombardé", "war"),
                ("bombarderont", "war"),
            ],
        ),
        (
            "vaincus et vainquons",
            &[("vaincus", "war"), ("vainquons", "war")],
        ),
        (
            "Il a combattu, ils combattent, je combats",
            &[
                ("combattu", "war"),
                ("combattent", "war"),
                ("combats", "war"),
            ],
        ),
        (
            "des propos scandaleux, une affaire scandaleuse",
            &[("scandaleux", "loaded"), ("scandaleuse", "loaded")],
        ),
        // Longest match: one span, not two.
        (
            "une crise sans précédent",
            &[("sans précédent", "exaggeration")],
        ),
        ("un précédent fâcheux", &[("précédent", "sentiment")]),
        // Negative rows: neutral senses silenced by except contexts.
        ("un régime alimentaire", &[]),
        ("les régimes fiscaux", &[]),
        ("LES RÉGIMES FISCAUX", &[]),
        ("le régime de retraite", &[]),
        ("il est au régime", &[]),
        ("le régime a réprimé", &[("régime", "labeling")]),
        ("une attaque cardiaque", &[]),
        ("une troupe de théâtre", &[]),
        ("défendre une thèse", &[]),
        ("la guerre des prix", &[]),
        ("la guerre froide", &[]),
        // Negative rows: no match inside a word or across a sentence.
        ("aguerris, guerrier", &[]),
        ("intervention. Militaire", &[]),
        ("intervention, militaire", &[]),
        ("", &[]),
    ];
    assert_found(table);
}

#[test]
fn addresses_are_not_prose() {
    let table: &[(&str, &[(&str, &str)])] = &[
        (
            "Lisez https://www.lemonde.fr/international/guerre-en-ukraine-massacre.html ce soir.",
            &[],
        ),
        ("Voir www.guerre-totale.net/massacre et la suite.", &[]),
        (
            "Écrivez à patrie@exemple.fr, ou à contact@terreur.org.",
            &[],
        ),
        ("Le site guerre.com et Talents.fr ferment.", &[]),
        ("Sur guerre.gouv.fr/dossiers, rien.", &[]),
        // Negative rows: prose glued to punctuation stays prose.
        ("La #guerre continue.", &[("guerre", "war")]),
        ("C'est la guerre.Il pleut.", &[("guerre", "war")]),
        ("La guerre... et après ?", &[("guerre", "war")]),
        ("« La guerre. »", &[("guerre", "war")]),
        ("un va-t-en-guerre", &[("va-t-en-guerre", "labeling")]),
        ("la guerre (https://exemple.fr)", &[("guerre", "war")]),
        ("la guerre @Elysee", &[("guerre", "war")]),
    ];
    assert_found(table);
}

#[test]
fn sentences_in_another_language_are_not_french_rhetoric() {
    // « guerre », « régime », « honte » and « scandaleux » are the fixture's; « regime »
    // folds as « régime ».
    let table: &[(&str, &[(&str, &str)])] = &[
        ("The regime is scandaleux and it is the guerre.", &[]),
        ("Cool, the regime is on.", &[]),
        ("Das Regime ist nicht die Lösung und die Guerre auch.", &[]),
        ("El regime y los militares del país, por una guerre.", &[]),
        // Each sentence on its own: a French one after a foreign one is read.
        (
            "The regime is a shame. Ce régime est une honte.",
            &[("régime", "labeling"), ("honte", "loaded")],
        ),
        // Negative rows: French with foreign names, titles and asides stays French.
        (
            "Selon The Economist, ce régime est une honte.",
            &[("régime", "labeling"), ("honte", "loaded")],
        ),
        (
            "C'est la honte, what the hell is this.",
            &[("honte", "loaded")],
        ),
        (
            "Le tube « The End of the World » a précédé un discours sur la guerre.",
            &[("guerre", "war")],
        ),
        (
            "Ursula von der Leyen dénonce le régime.",
            &[("régime", "labeling")],
        ),
        ("La honte is real.", &[("honte", "loaded")]),
        // A heading or a table's cell has no function word: its text's first words tell.
        (
            "The regime and the guerre of it all. It was over.\n\nRégime\n\nGuerre | honte",
            &[],
        ),
        (
            "Guerre\n\nLa guerre est là, et le régime tombe.\n\nHonte | the end",
            &[
                ("Guerre", "war"),
                ("guerre", "war"),
                ("régime", "labeling"),
                ("Honte", "loaded"),
            ],
        ),
        ("Guerre", &[("Guerre", "war")]),
        (
            "Régime, guerre, honte !",
            &[
                ("Régime", "labeling"),
                ("guerre", "war"),
                ("honte", "loaded"),
            ],
        ),
    ];
    assert_found(table);
}

#[test]
fn offsets_are_utf16_into_the_original() {
    let table = [
        "Les milices sont prêtes à défendre la patrie 🔥 contre l’intervention militaire.",
        "🔥🔥 guerre 👨‍👩‍👧 milices",
        "e\u{301}e\u{301} guerre\u{301} milice",
        "a\r\nb\r\nguerre\r\n\r\nmilice",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 guerre",
        "\u{FEFF}guerre\u{200B}milice",
    ];
    for text in table {
        let analysis = analyze(text);
        assert!(!analysis.spans.is_empty(), "{text:?}");
        for s in &analysis.spans {
            assert_eq!(js_slice(text, s.start, s.end), s.text, "{text:?}");
            assert_eq!(&text[s.bytes.clone()], s.text);
        }
        for s in &analysis.sentences {
            js_slice(text, s.start, s.end);
        }
    }
    // The combining mark after the last letter belongs to the span (a grave accent: an
    // acute one would make « guerré », another word).
    assert_eq!(analyze("guerre\u{300} x").spans[0].text, "guerre\u{300}");
    // A span running past its sentence's end (an expression with a `!` inside), then
    // characters of two UTF-16 units: offsets stay exact on both sides.
    let analyzer = Analyzer::builder()
        .without_embedded()
        .lexicon("perso.tsv", "allez ! allez\tflag_waving\t1\t1\n")
        .build()
        .unwrap();
    let text = "Ça va. Allez ! Allez les 🔥 bleus ! 🔥 Fin.";
    let analysis = analyzer.analyze(text).unwrap();
    let spans: Vec<String> = analysis
        .spans
        .iter()
        .map(|s| js_slice(text, s.start, s.end))
        .collect();
    assert_eq!(spans, ["Allez ! Allez"]);
    let sentences: Vec<String> = analysis
        .sentences
        .iter()
        .map(|s| js_slice(text, s.start, s.end))
        .collect();
    assert_eq!(
        sentences,
        ["Ça va.", "Allez !", "Allez les 🔥 bleus !", "🔥 Fin."]
    );
}

#[test]
fn negation() {
    // (text, span, negated)
    let table: &[(&str, &str, bool)] = &[
        ("Il n’a pas combattu.", "combattu", true),
        ("Il n'a jamais combattu.", "combattu", true),
        ("Une paix sans guerre.", "guerre", true),
        ("Aucune guerre n'a eu lieu.", "guerre", true),
        ("Ni guerre ni paix.", "guerre", true),
        ("Il ne combattra plus.", "combattra", true),
        ("Il ne combat pas.", "combat", true),
        ("Ce n'est pas du tout une guerre.", "guerre", true),
        // `n'` before a negator that needs it, both apostrophes.
        ("Il n'y a plus de guerre.", "guerre", true),
        ("Ce n’est plus une guerre.", "guerre", true),
        ("Il n'a rien combattu.", "combattu", true),
        // A negator that is the noun's determiner, and a `ne` past another subject.
        ("Aucune grande guerre n'a eu lieu.", "guerre", true),
        (
            "Nous ne voulons pas la guerre et nous ne la ferons pas.",
            "guerre",
            true,
        ),
        // Negative rows.
        ("N'importe quelle guerre.", "guerre", false),
        ("Il n'y a que la guerre.", "guerre", false),
        ("Il a combattu.", "combattu", false),
        ("Pas mal, cette guerre.", "guerre", false),
        ("Sans doute la guerre.", "guerre", false),
        ("Il ne fait que combattre.", "combattre", false),
        ("Il y a plus de guerre.", "guerre", false),
        ("Pas ici, mais la guerre continue.", "guerre", false),
        ("Je ne sais pas, la guerre est là.", "guerre", false),
        // A negator before a subject and its `ne` negates the verb.
        ("Jamais la guerre n'a été aussi proche.", "guerre", false),
        (
            "Jamais une guerre scandaleuse ne s'est arrêtée.",
            "guerre",
            false,
        ),
        (
            "Non seulement la guerre, mais aussi la faim.",
            "guerre",
            false,
        ),
        (
            "Il n'a pas dormi depuis des jours et des jours, et la guerre.",
            "guerre",
            false,
        ),
    ];
    for (text, term, negated) in table {
        let analysis = analyze(text);
        let s = span(&analysis, term);
        assert_eq!(s.negated, *negated, "{text:?}: {:?}", s.modifiers);
        let has_modifier = s.modifiers.iter().any(|m| m.kind == ModifierKind::Negation);
        assert_eq!(has_modifier, *negated, "{text:?}");
        if *negated {
            assert!(s.weight < 1.0 && s.valence > 0.0, "{text:?}: {s:?}");
            assert!(s.explanation.contains("nié"), "{text:?}");
        }
    }
}

#[test]
fn boosters_dampeners_and_contrast() {
    // (text, span, modifier expected, weight multiplied by more than one)
    let table: &[(&str, &str, Option<ModifierKind>, bool)] = &[
        (
            "une honte très grave",
            "grave",
            Some(ModifierKind::Booster),
            true,
        ),
        (
            "c'est extrêmement grave",
            "grave",
            Some(ModifierKind::Booster),
            true,
        ),
        (
            "une affaire vraiment très scandaleuse",
            "scandaleuse",
            Some(ModifierKind::Booster),
            true,
        ),
        // « si » is a booster and a hypothesis marker (a quiet word) at once.
        (
            "une affaire si scandaleuse",
            "scandaleuse",
            Some(ModifierKind::Booster),
            true,
        ),
        (
            "une situation un peu grave",
            "grave",
            Some(ModifierKind::Dampener),
            false,
        ),
        (
            "plutôt scandaleux",
            "scandaleux",
            Some(ModifierKind::Dampener),
            false,
        ),
        (
            "Il promet la paix, mais prépare la guerre.",
            "guerre",
            Some(ModifierKind::ContrastAfter),
            true,
        ),
        (
            "La guerre, pourtant la paix revient.",
            "guerre",
            Some(ModifierKind::ContrastBefore),
            false,
        ),
        (
            "Or, la guerre approche.",
            "guerre",
            Some(ModifierKind::ContrastAfter),
            true,
        ),
        // Negative rows: too far, across a clause, in another sentence, "or" as gold.
        (
            "très bien dit, et puis encore la guerre",
            "guerre",
            None,
            false,
        ),
        ("très, guerre", "guerre", None, false),
        ("Mais oui. La guerre approche.", "guerre", None, false),
        ("Des lingots d'or et la guerre.", "guerre", None, false),
        ("La guerre.", "guerre", None, false),
    ];
    for (text, term, kind, stronger) in table {
        let analysis = analyze(text);
        let s = span(&analysis, term);
        let kinds: Vec<ModifierKind> = s.modifiers.iter().map(|m| m.kind).collect();
        match kind {
            Some(k) => assert_eq!(kinds, vec![*k], "{text:?}"),
            None => assert!(kinds.is_empty(), "{text:?}: {kinds:?}"),
        }
        let base = span(&analyze(term), term).weight;
        if kind.is_some() {
            assert_eq!(
                s.weight > base,
                *stronger,
                "{text:?}: {} vs {base}",
                s.weight
            );
        } else {
            assert_eq!(s.weight, base, "{text:?}");
        }
    }
}

#[test]
fn emphasis_and_repetition() {
    // (text, span text, modifiers expected)
    let table: &[(&str, &str, &[ModifierKind])] = &[
        ("C'est la GUERRE.", "GUERRE", &[ModifierKind::Caps]),
        ("C'est la guerre !", "guerre", &[ModifierKind::Exclamation]),
        (
            "C'est la guerre !!!",
            "guerre",
            &[ModifierKind::Exclamations],
        ),
        ("C'est la guerre ?!", "guerre", &[ModifierKind::Exclamation]),
        (
            "Ce « régime » a menti.",
            "régime",
            &[ModifierKind::ScareQuotes],
        ),
        (
            "Ce \"régime\" a menti.",
            "régime",
            &[ModifierKind::ScareQuotes],
        ),
        ("La honte. Encore la honte.", "honte", &[]),
        // Negative rows.
        ("C'est la Guerre.", "Guerre", &[]),
        ("« Le régime a menti », dit-il.", "régime", &[]),
        ("C'est la guerre ?", "guerre", &[]),
        (
            "Est-ce la guerre ! Non.",
            "guerre",
            &[ModifierKind::Exclamation],
        ),
        ("C'est la guerre. Non !", "guerre", &[]),
    ];
    for (text, term, want) in table {
        let analysis = analyze(text);
        let s = span(&analysis, term);
        let kinds: Vec<ModifierKind> = s.modifiers.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, *want, "{text:?}");
    }
    // The second and third "honte" are repetitions; the first is not.
    let analysis = analyze("La honte. Encore la honte. Toujours la honte.");
    let reps: Vec<bool> = analysis
        .spans
        .iter()
        .map(|s| {
            s.modifiers
                .iter()
                .any(|m| m.kind == ModifierKind::Repetition)
        })
        .collect();
    assert_eq!(reps, [false, true, true]);
    // Sentiment words are not rhetoric: no repetition.
    let analysis = analyze("Excellent. Excellent.");
    assert!(analysis.spans.iter().all(|s| s.modifiers.is_empty()));
}

#[test]
fn hearsay_conditional() {
    // (text, unsourced spans expected)
    let table: &[(&str, &[&str])] = &[
        ("Le ministre aurait menti.", &["aurait"]),
        ("Les troupes auraient bombardé la ville.", &["auraient"]),
        ("Il serait mort hier.", &["serait"]),
        ("Il aurait déjà quitté le pays.", &["aurait"]),
        ("Il aurait été arrêté.", &["aurait été"]),
        (
            "Selon certaines sources, il aurait fui.",
            &["Selon certaines sources", "aurait"],
        ),
        ("Ils auraient FRAPPÉ fort.", &["auraient"]),
        ("Ils auraient frappe\u{301} fort.", &["auraient"]),
        // The reported word in quotes; a quoted noun phrase still reports nothing.
        (
            "L'opposante serait « persécutée » par le pouvoir.",
            &["serait"],
        ),
        ("Il serait « prêt » à négocier.", &["serait"]),
        ("Ce serait « une erreur ».", &[]),
        // Participles of -ir verbs and of prefixed irregular verbs.
        ("L'armée aurait averti la mission.", &["aurait"]),
        ("Des renforts seraient intervenus.", &["seraient"]),
        ("Il aurait repris le contrôle.", &["aurait"]),
        ("Le budget aurait été réduit.", &["aurait été"]),
        ("Elle aurait enfreint la loi.", &["aurait"]),
        // The other genders and numbers of -dre participles.
        ("Des renforts seraient attendus demain.", &["seraient"]),
        ("Les archives auraient été perdues.", &["auraient été"]),
        // A reported state, place or role in place of a participle.
        ("L'État serait prêt à négocier.", &["serait"]),
        ("Le suspect serait en fuite.", &["serait"]),
        ("Des instructeurs seraient déjà sur place.", &["seraient"]),
        ("Le président ne serait pas au courant.", &["serait"]),
        ("Un groupe armé serait derrière l'attaque.", &["serait"]),
        ("L'incendie serait à l'origine du drame.", &["serait"]),
        // Negative rows: no such state, a state past a noun phrase, a hypothesis, an
        // opinion, a first person.
        ("Ce serait dommage.", &[]),
        ("Il serait utile de partir.", &[]),
        ("Ce serait une victoire en route vers la paix.", &[]),
        ("S'il le fallait, il serait prêt à partir.", &[]),
        ("Je serais prêt à partir.", &[]),
        ("Il est prêt à partir.", &[]),
        // Negative rows: a conditional with no participle, a present tense.
        ("Ce serait une erreur.", &[]),
        ("Il aurait aimé venir.", &["aurait"]),
        ("Il serait aussi là.", &[]),
        ("Il a menti.", &[]),
        ("Ce serait, dit-on, fini.", &[]),
        ("Une aide serait bienvenue.", &[]),
        // A noun phrase after the auxiliary: what something would be, no reported act.
        ("Ce serait une bonne idée.", &[]),
        ("Il aurait les moyens d'agir.", &[]),
        ("Il aurait d'abord menti.", &["aurait"]),
        // A demonstrative subject: what a situation would be, no reported act.
        ("Ce serait compliqué.", &[]),
        ("Ça aurait été un désastre.", &[]),
        ("Ce n'aurait pas été possible.", &[]),
        ("Ce ministre serait parti hier.", &["serait"]),
        ("Cela serait dû à une erreur.", &["serait"]),
        ("Ce serait inédit.", &[]),
        ("Il y aurait un souci.", &[]),
        // Modals of avoir: should have, could have, it would have taken.
        ("Il aurait dû partir.", &[]),
        ("Ils auraient pu être tués.", &[]),
        ("Il aurait fallu agir.", &[]),
        ("Il aurait mieux fait de se taire.", &[]),
        ("L’accident serait dû à une erreur.", &["serait"]),
    ];
    for (text, want) in table {
        let got = unsourced(text);
        assert_eq!(got, *want, "{text:?}");
    }
    let analysis = analyze("Le ministre aurait menti.");
    assert!(analysis.spans[0].explanation.contains("aurait menti"));
}

#[test]
fn hypothesis_is_not_hearsay() {
    // (text, unsourced spans expected): the conditional of a hypothesis or a
    // counterfactual reports nothing; hearsay next to a look-alike stays.
    let table: &[(&str, &[&str])] = &[
        // A si-clause in the imperfect or pluperfect, before or after the conditional.
        (
            "Si le gouvernement avait agi, les hôpitaux ne seraient pas débordés.",
            &[],
        ),
        ("S'il avait su, il aurait refusé.", &[]),
        ("S’il avait su, il aurait refusé.", &[]),
        ("Il aurait refusé s'il avait su.", &[]),
        ("Il aurait refusé s’ils l’avaient prévenu.", &[]),
        ("S'ils avaient attaqué, la ville serait tombée.", &[]),
        ("Les soldats seraient rentrés si la paix était signée.", &[]),
        ("Même si la loi était votée, rien ne serait changé.", &[]),
        ("S'il avait su, il aurait refusé et serait parti.", &[]),
        (
            "SI LE GOUVERNEMENT AVAIT AGI, LES HÔPITAUX NE SERAIENT PAS DÉBORDÉS.",
            &[],
        ),
        (
            "Me\u{302}me si la loi e\u{301}tait vote\u{301}e, rien ne serait change\u{301}.",
            &[],
        ),
        // Concessive or precautionary markers that take the conditional themselves.
        (
            "Quand bien même la loi serait votée, rien ne changerait.",
            &[],
        ),
        ("Au cas où il aurait menti, l'enquête le dira.", &[]),
        (
            "Avoir un support prêt au cas où le chargeur serait cassé.",
            &[],
        ),
        (
            "Le ministre aurait démissionné ; un plan est prêt au cas où.",
            &["aurait"],
        ),
        // A generic subject: whoever would have done it.
        (
            "Quiconque aurait vu l'accident est prié d'appeler la gendarmerie.",
            &[],
        ),
        (
            "Toute personne qui aurait reçu ce courriel doit le supprimer.",
            &[],
        ),
        ("Tous ceux qui auraient participé seront poursuivis.", &[]),
        (
            "Les personnes qui auraient été tuées étaient des civils.",
            &["auraient été"],
        ),
        ("Le suspect, qui aurait tiré, a été arrêté.", &["aurait"]),
        // « sans » and a noun phrase starting a sentence or clause: a counterfactual.
        ("Sans cette aide, l'entreprise aurait fermé.", &[]),
        ("SANS CETTE AIDE, l'entreprise aurait fermé.", &[]),
        ("Sans l’aide américaine, l’Ukraine aurait perdu.", &[]),
        ("L'entreprise, sans cette aide, aurait fermé.", &[]),
        // Hearsay stays: a plain conditional.
        ("Le ministre aurait démissionné hier soir.", &["aurait"]),
        ("Berlin aurait espionné des officiels.", &["aurait"]),
        (
            "Elle aurait été emportée par une coulée de boue.",
            &["aurait été"],
        ),
        // « si » as an intensifier (so): no clause in the imperfect.
        (
            "L'armée serait si épuisée qu'elle aurait reculé.",
            &["serait", "aurait"],
        ),
        ("Il était si fatigué qu'il aurait abandonné.", &["aurait"]),
        // « si » of an indirect question, its clause holding only the conditional.
        ("On ignore si le ministre aurait signé.", &["aurait"]),
        // The si-clause stops at a punctuation mark (a relative clause in the imperfect
        // is not its verb), and a listed participle (« fait ») is no imperfect.
        (
            "On ignore si le ministre, qui était absent, aurait signé.",
            &["aurait"],
        ),
        (
            "Le ministre aurait démissionné ; on ignore s'il a fait pression.",
            &["aurait"],
        ),
        // « si » meaning yes, alone before a comma.
        ("Si, il aurait signé.", &["aurait"]),
        // A reflexive « s’ » is not « s’il ».
        ("Il s'était caché et aurait été arrêté.", &["aurait été"]),
        (
            "Elle s’était enfuie ; elle aurait été arrêtée.",
            &["aurait été"],
        ),
        // « comme si » compares, it makes no hypothesis.
        ("Il aurait agi comme s'il était seul.", &["aurait"]),
        ("Il aurait agi comme s’ils étaient seuls.", &["aurait"]),
        // Nor « si » of an indirect question, in the imperfect too.
        (
            "Il aurait été abattu, sans que l'on sache s’il était armé.",
            &["aurait été"],
        ),
        (
            "On ignore si le suspect était armé, il aurait été abattu.",
            &["aurait été"],
        ),
        (
            "La police n'a pas précisé s'ils avaient fui ; ils auraient été arrêtés.",
            &["auraient été"],
        ),
        // « sans » after the conditional, or not starting a clause: manner.
        (
            "Le ministre aurait démissionné sans cette aide.",
            &["aurait"],
        ),
        ("Il aurait agi sans prévenir.", &["aurait"]),
        (
            "Sans surprise, le ministre aurait démissionné.",
            &["aurait"],
        ),
        (
            "Le soldat sans son arme aurait été capturé.",
            &["aurait été"],
        ),
        // A si-clause in another sentence does not reach the conditional.
        (
            "S'il avait su, il aurait refusé. Le ministre aurait démissionné.",
            &["aurait"],
        ),
        (
            "Le ministre aurait démissionné. Si la loi était votée, rien ne changerait.",
            &["aurait"],
        ),
        // A si-clause in the present makes no unreal hypothesis.
        (
            "Si la loi passe, le ministre aurait démissionné.",
            &["aurait"],
        ),
        // A scenario: what a plan, a text or a case would do, set up in the sentence or
        // before it on its line (a paragraph).
        (
            "Le texte prévoit un fichier national. Les données seraient conservées cinq ans et ne seraient pas transmises.",
            &[],
        ),
        (
            "La réforme prévoit de relever l'âge légal. Concrètement, un salarié de 55 ans serait concerné dès l'an prochain.",
            &[],
        ),
        (
            "Le plan prévoit trois lignes de tramway. La première serait achevée en 2028. Les deux autres seraient lancées ensuite.",
            &[],
        ),
        (
            "En pratique, les crédits de la défense seraient épargnés.",
            &[],
        ),
        (
            "Ce dispositif permettrait de repérer les fraudeurs : chaque déclaration serait comparée aux relevés bancaires.",
            &[],
        ),
        ("Selon le texte, les fichiers seraient détruits au bout d'un an.", &[]),
        ("En cas de crise, les réserves seraient mobilisées.", &[]),
        ("D’après le projet, les fichiers seraient effacés.", &[]),
        ("En cas d'urgence, les réserves seraient mobilisées.", &[]),
        (
            "Aux termes de l'accord, les prisonniers seraient échangés par groupes de dix.",
            &[],
        ),
        // A future in the past: what was promised or announced.
        (
            "Le maire avait promis que la piscine serait rénovée avant l'été.",
            &[],
        ),
        (
            "La ministre a annoncé qu'une prime serait versée aux soignants.",
            &[],
        ),
        (
            "Le préfet a annoncé sa démission. Selon ses proches, il aurait été lâché par Paris.",
            &["aurait été"],
        ),
        // Not a present one, the accent twin of the past (matching folds accents): the
        // conditional after « assure que » reports.
        (
            "On assure que plusieurs députés seraient prêts à voter la censure.",
            &["seraient"],
        ),
        (
            "Le gouvernement annonce que les écoles seraient fermées.",
            &["seraient"],
        ),
        (
            "Le ministre a assuré que les écoles seraient ouvertes.",
            &[],
        ),
        // A generic relative in a paragraph that describes a law.
        (
            "Le projet prévoit des garanties. Les personnes visées seraient informées, et un juge serait saisi en cas de recours. Aucune sanction ne pourra frapper le fonctionnaire qui aurait signalé une dérive.",
            &[],
        ),
        // Hearsay stays: a source in the sentence, or before it after the scenario.
        (
            "L'accord prévoit un embargo. Selon des diplomates, des armes seraient livrées.",
            &["seraient"],
        ),
        (
            "Le texte prévoit une amende. Des témoins affirment que le suspect serait frappé.",
            &["serait"],
        ),
        (
            "L'armée prévoit une offensive. Des renforts auraient été envoyés, selon des sources militaires.",
            &["auraient été"],
        ),
        (
            "Le texte prévoit une amende. Selon un témoin, les policiers auraient été insultés. Deux agents seraient blessés.",
            &["auraient été", "seraient"],
        ),
        (
            "Le plan prévoit un fichier. D’après des témoins, les armes seraient cachées.",
            &["seraient"],
        ),
        (
            "Le plan prévoit un fichier. Un agent assure que les données seraient vendues.",
            &["seraient"],
        ),
        // Nor a past conditional outside a relative clause: a plan's scenario is told
        // in the present conditional, a report in the past one.
        (
            "La région prévoit un nouveau lycée. Le chantier aurait été confié sans appel d'offres.",
            &["aurait été"],
        ),
        (
            "Le club prévoit un nouveau stade. Le président aurait menti aux supporters.",
            &["aurait"],
        ),
        (
            "La charte prévoit une médiation. L'élève qui aurait harcelé un camarade serait convoqué.",
            &[],
        ),
        // Nor on another line (paragraph), nor a text or a plan named with no marker.
        (
            "Le texte prévoit un fichier national.\nLes données seraient conservées.",
            &["seraient"],
        ),
        (
            "Le texte prévoit un fichier national.\n\nLes données seraient conservées.",
            &["seraient"],
        ),
        (
            "Le projet de loi aurait été réécrit à l'Élysée.",
            &["aurait été"],
        ),
        (
            "La réforme est contestée. Le ministre aurait été désavoué par sa majorité.",
            &["aurait été"],
        ),
        // Nor a prediction (« pourrait ») or another conditional: hearsay often has them.
        (
            "Le bilan pourrait s'alourdir. Plusieurs personnes seraient ensevelies sous les décombres.",
            &["seraient"],
        ),
        (
            "L'homme aurait été arrêté hier et se trouverait en garde à vue.",
            &["aurait été"],
        ),
        ("Le suspect, qui aurait avoué, sera jugé en mars.", &["aurait"]),
    ];
    for (text, want) in table {
        let got = unsourced(text);
        assert_eq!(got, *want, "{text:?}");
    }
    // A scenario marker reaches 120 tokens back on its line, no further (« Un autre
    // point. » is 4 tokens).
    for (points, want) in [(20, &[][..]), (35, &["seraient"][..])] {
        let text = format!(
            "Le texte prévoit un fichier. {}Les données seraient conservées.",
            "Un autre point. ".repeat(points)
        );
        let got = unsourced(&text);
        assert_eq!(got, want, "{points} points");
    }
    // The lexicon spans right after a marker are still found, hypothesis or not.
    let table: &[(&str, &[(&str, &str)])] = &[
        (
            "Si le régime avait cédé, la guerre serait finie.",
            &[("régime", "labeling"), ("guerre", "war")],
        ),
        (
            "On ignore si le régime aurait bombardé la ville.",
            &[
                ("régime", "labeling"),
                ("aurait", "unsourced"),
                ("bombardé", "war"),
            ],
        ),
        (
            "Sans précédent, la catastrophe aurait été évitée.",
            &[
                ("Sans précédent", "exaggeration"),
                ("catastrophe", "fear"),
                ("aurait été", "unsourced"),
            ],
        ),
        (
            "Sans la milice, le dictateur serait tombé.",
            &[("milice", "war"), ("dictateur", "labeling")],
        ),
    ];
    assert_found(table);
}

#[test]
fn spans_carry_entry_data() {
    let analysis = analyze("Le régime et le dictateur.");
    let regime = span(&analysis, "régime");
    assert_eq!(regime.term, "régime");
    assert_eq!(regime.alternative.as_deref(), Some("gouvernement"));
    assert_eq!(regime.explanation, Category::Labeling.description());
    assert_eq!(
        span(&analysis, "dictateur").alternative.as_deref(),
        Some("dirigeant autoritaire")
    );
    let stem = analyze("vaincus");
    assert_eq!(stem.spans[0].term, "vainc…");
}

#[test]
fn summary_and_sentences() {
    let text = "La guerre, la catastrophe, le dictateur ! Il fait beau aujourd'hui et le jardin est fleuri.";
    let analysis = analyze(text);
    assert_eq!(analysis.summary.words, 15);
    assert_eq!(analysis.sentences.len(), 2);
    let (first, second) = (&analysis.sentences[0], &analysis.sentences[1]);
    assert_eq!(
        js_slice(text, first.start, first.end),
        "La guerre, la catastrophe, le dictateur !"
    );
    assert!(
        first.charge > 90.0 && second.charge == 0.0,
        "{first:?} {second:?}"
    );
    // The text's polarity is its sentences', each counting for its words.
    assert!(
        first.polarity < -0.5 && second.polarity == 0.0,
        "{first:?} {second:?}"
    );
    let mean = (first.polarity * 6.0 + second.polarity * 9.0) / 15.0;
    assert!(
        (analysis.summary.polarity - mean).abs() < 1e-3,
        "{analysis:?}"
    );
    let war = analysis.summary.categories[&Category::War];
    assert_eq!((war.count, war.weight), (1, 1.2));
    assert_eq!(analysis.summary.categories.len(), Category::ALL.len());

    // More rhetoric weight, more charge; sentiment alone is no charge.
    let charges: Vec<f64> = [
        "Il fait beau aujourd'hui.",
        "Il fait excellent aujourd'hui.",
        "La guerre aujourd'hui.",
        "La guerre, la catastrophe aujourd'hui.",
        "La GUERRE, la catastrophe, le dictateur aujourd'hui !!!",
    ]
    .iter()
    .map(|t| analyze(t).summary.charge)
    .collect();
    assert_eq!(charges[0], 0.0);
    assert_eq!(charges[1], 0.0);
    assert!(
        charges.windows(2).skip(1).all(|w| w[0] < w[1]),
        "{charges:?}"
    );
}

#[test]
fn mild_sentiment_counts_in_polarity_but_is_not_a_span() {
    // `utile` (valence 1.5) is under the `mild_sentiment` threshold of rules.tsv (2);
    // `excellent` (3) and `triste` (−2) are not.
    let table: &[(&str, &[&str], f64)] = &[
        ("Une réforme utile.", &[], 0.361),
        ("Une réforme utile et excellente.", &["excellente"], 0.758),
        ("Une réforme triste.", &["triste"], -0.459),
        // `mais` weakens what comes before it and strengthens what follows.
        ("Une réforme triste mais utile.", &["triste"], 0.23),
        ("Une réforme.", &[], 0.0),
    ];
    for (text, want, polarity) in table {
        let analysis = analyze(text);
        let spans: Vec<&str> = analysis.spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(&spans, want, "{text:?}");
        assert_eq!(analysis.summary.polarity, *polarity, "{text:?}");
        assert_eq!(analysis.sentences[0].polarity, *polarity, "{text:?}");
        let counted = analysis.summary.categories[&Category::Sentiment].count;
        assert_eq!(counted, want.len(), "{text:?}");
    }
}

#[test]
fn an_accent_twin_is_another_word() {
    // Matching folds accents; in a text that writes its accents, a plain `e` where the
    // entry has `é`, or the reverse, is another word. A capital E (it often drops its
    // accent) and texts written without any accent match as before.
    let table: &[(&str, &[&str])] = &[
        ("Le régime a réprimé.", &["régime"]),
        ("Le re\u{301}gime a réprimé.", &["re\u{301}gime"]),
        ("Le regime a reprime.", &["regime"]),
        ("LE REGIME A RÉPRIMÉ.", &["REGIME"]),
        ("Le regime a réprimé.", &[]),
        ("Une attaque.", &["attaque"]),
        ("Il est attaqué.", &[]),
        (
            "Une attaque, puis une autre : ils sont attaqués.",
            &["attaque"],
        ),
        // A capital E often drops its accent, in a word in capitals or not.
        ("Le coup d’Etat a échoué.", &["coup d’Etat"]),
        ("Une attaque ; il est attaquE.", &["attaque", "attaquE"]),
    ];
    for (text, want) in table {
        let got = texts(&analyze(text));
        assert_eq!(&got, want, "{text:?}");
    }
}

#[test]
fn an_accent_twin_in_an_expression() {
    // Word by word, where the expression is written as it is matched (`-`); an expression
    // whose words inflect (`v`) is not compared.
    let lexicon = "circule sur les réseaux|circulent sur les réseaux\tunsourced\t0.6\t0\t-\n\
                   verser leur sang\tflag_waving\t1.5\t0\tv\n";
    let analyzer = Analyzer::builder()
        .without_embedded()
        .lexicon("perso.tsv", lexicon)
        .rules("rules.tsv", surligneur_rules())
        .build()
        .unwrap();
    let table: &[(&str, &[&str])] = &[
        (
            "Une rumeur circule sur les réseaux.",
            &["circule sur les réseaux"],
        ),
        (
            "Des rumeurs circulent sur les réseaux.",
            &["circulent sur les réseaux"],
        ),
        ("Ils ont versé leur sang.", &["versé leur sang"]),
        ("Ils versèrent leur sang.", &["versèrent leur sang"]),
        // A text without accents, a capital E.
        (
            "Une video a circule sur les reseaux.",
            &["circule sur les reseaux"],
        ),
        (
            "Une vidéo a CIRCULE sur les réseaux.",
            &["CIRCULE sur les réseaux"],
        ),
        // The participle is another word.
        ("Une vidéo a circulé sur les réseaux.", &[]),
    ];
    for (text, want) in table {
        let got = texts(&analyzer.analyze(text).unwrap());
        assert_eq!(&got, want, "{text:?}");
    }
}

#[test]
fn options_filter_categories_and_weight() {
    let text = "La guerre, la honte, le dictateur, une excellente idée.";
    let only_war = Analyzer::builder()
        .without_embedded()
        .lexicon("fixture.tsv", FIXTURE)
        .categories([Category::War])
        .build()
        .unwrap();
    let cats: Vec<Category> = only_war
        .analyze(text)
        .unwrap()
        .spans
        .iter()
        .map(|s| s.category)
        .collect();
    assert_eq!(cats, [Category::War]);
    let heavy = Analyzer::builder()
        .without_embedded()
        .lexicon("fixture.tsv", FIXTURE)
        .min_weight(1.1)
        .build()
        .unwrap();
    let heavy_spans = texts(&heavy.analyze(text).unwrap());
    assert_eq!(heavy_spans, ["honte", "dictateur"]);
    for bad in [-1.0, f64::NAN, f64::INFINITY] {
        let err = Analyzer::builder().min_weight(bad).build().unwrap_err();
        assert!(err.to_string().contains("poids minimum"), "{err}");
    }
}

#[test]
fn lexicons_replace_and_extend_by_name() {
    // A user lexicon named like the fixture replaces nothing embedded here, but a later
    // entry for the same form wins.
    let analyzer = Analyzer::builder()
        .without_embedded()
        .lexicon("fixture.tsv", FIXTURE)
        .lexicon("perso.tsv", "guerre\tfear\t2\t-3\tn\n")
        .build()
        .unwrap();
    let analysis = analyzer.analyze("la guerre").unwrap();
    assert_eq!(analysis.spans[0].category, Category::Fear);
    // Replacing an embedded file by name drops its entries.
    let default = Analyzer::new();
    let replaced = Analyzer::builder()
        .lexicon("war.tsv", "# vide\n")
        .build()
        .unwrap();
    assert!(replaced.entries() < default.entries());
    // A bad user line names its source and line.
    let err = Analyzer::builder()
        .lexicon("perso.tsv", "# ok\nguerre\tguerre\t1\t-1\n")
        .build()
        .unwrap_err();
    assert_eq!(err.location(), Some(("perso.tsv", 2)));
}

#[test]
fn refuses_texts_over_the_limit() {
    let big = "a".repeat(surligneur::MAX_TEXT_BYTES + 1);
    let err = analyzer().analyze(&big).unwrap_err();
    assert!(err.to_string().starts_with("texte trop long"), "{err}");
}

#[test]
fn long_texts_are_analyzed_like_short_ones() {
    // Far past the size of the pieces the engine works in, with and without paragraphs.
    let sentence = "Les milices ont bombardé la patrie, quelle honte ! ";
    let one = analyze(sentence);
    for separator in ["", "\n\n", "\n"] {
        let text = format!("{sentence}{separator}").repeat(5_000);
        let many = analyze(&text);
        assert_eq!(many.spans.len(), one.spans.len() * 5_000, "{separator:?}");
        assert_eq!(many.sentences.len(), 5_000, "{separator:?}");
        assert_eq!(many.summary.words, one.summary.words * 5_000);
        for s in many.spans.iter().step_by(997) {
            assert_eq!(js_slice(&text, s.start, s.end), s.text);
        }
    }
}

#[test]
fn a_word_reaches_every_stem_it_starts_with() {
    // `cérébral*` and `cérébrale*` in different patterns: « cérébrale » starts with both,
    // and each pattern must find it, at a pattern's start and further in (a context).
    let analyzer = Analyzer::builder()
        .without_embedded()
        .lexicon(
            "stems.tsv",
            "attaque\twar\t1\t-1\tn\t\t~ cérébral*\n\
             cérébrale*\tfear\t1\t-1\n\
             hémisphère cérébral*\tloaded\t1\t-1\n",
        )
        .build()
        .unwrap();
    // (text, spans expected)
    let table: &[(&str, &[(&str, Category)])] = &[
        // The context ends in the shorter stem: it silences « attaque cérébrale » whole.
        ("une attaque cérébrale", &[]),
        ("une attaque cérébral", &[]),
        // Further in an entry: the shorter stem's pattern, not the longer stem's.
        (
            "l'hémisphère cérébrale",
            &[("hémisphère cérébrale", Category::Loaded)],
        ),
        ("les cérébrales", &[("cérébrales", Category::Fear)]),
        // Negative rows: no stem, or a word that only starts like one.
        ("une attaque", &[("attaque", Category::War)]),
        ("une attaque céréale", &[("attaque", Category::War)]),
        ("cérébr", &[]),
    ];
    for (text, want) in table {
        let got: Vec<(String, Category)> = analyzer
            .analyze(text)
            .unwrap()
            .spans
            .iter()
            .map(|s| (s.text.clone(), s.category))
            .collect();
        let want: Vec<(String, Category)> = want.iter().map(|(t, c)| (t.to_string(), *c)).collect();
        assert_eq!(got, want, "{text:?}");
    }
}

/// Domain words (`domain` rules) anywhere in a sentence silence the entries marked with
/// their domain (`@sport` in `except`): the sport, the film, not the war. Entries not
/// marked, and sentences without the words, are untouched.
#[test]
fn domain_words_silence_marked_entries() {
    let lexicon = "attaque\twar\t1.5\t-2\tn\t-\t@sport; ~ cardiaque\n\
                   bombardement\twar\t2\t-3\tn\n\
                   héros\tflag_waving\t1\t1\t-\t-\t@sport; @culture\n\
                   match truqué\tloaded\t1\t-2\tn\n";
    let domains = "domain\tmatch\t-\tsport\n\
                   domain\tmi-temps\t-\tsport\n\
                   domain\tgardien de but\t-\tsport\n\
                   domain\tfilm\t-\tculture\n";
    let analyzer = Analyzer::builder()
        .without_embedded()
        .lexicon("guerre.tsv", lexicon)
        .rules("domaines.tsv", domains)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let table: &[(&str, &[&str])] = &[
        ("L'attaque lyonnaise a dominé le match.", &[]),
        ("Un MATCH d’anthologie : quelle attaque !", &[]),
        ("Le gardien de but a repoussé chaque attaque.", &[]),
        ("Le héros du film sauve la ville.", &[]),
        ("Le he\u{301}ros du film sauve la ville.", &[]),
        // A domain word inside another span still counts.
        (
            "Un match truqué : l'attaque a levé le pied.",
            &["match truqué"],
        ),
        // Negative rows: no domain word, or not in this sentence, or an entry not marked.
        ("L'attaque russe a frappé Kharkiv.", &["attaque"]),
        ("Le match est fini. L'attaque russe a repris.", &["attaque"]),
        (
            "Pendant la mi-temps, le bombardement a repris.",
            &["bombardement"],
        ),
        ("Nos héros sont tombés pour la patrie.", &["héros"]),
        ("Le film est fini. Nos héros sont tombés.", &["héros"]),
        ("Un matcha glacé, puis l'attaque.", &["attaque"]),
    ];
    for (text, want) in table {
        let got = texts(&analyzer.analyze(text).unwrap());
        assert_eq!(got, *want, "{text:?}");
    }
    // An analyzer read back keeps its domains.
    let again = Analyzer::builder()
        .without_embedded()
        .lexicon("guerre.tsv", lexicon)
        .rules("domaines.tsv", domains)
        .load(&analyzer.to_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(again.analyze(table[0].0).unwrap().spans.is_empty());
    assert_eq!(again.analyze(table[5].0).unwrap().spans.len(), 1);
}
