//! The embedded lexicons: coverage per category, the share of neutral alternatives and
//! of except contexts, and inflected forms written out by hand that must all be found.

use std::collections::{HashMap, HashSet};
use surligneur::{Analyzer, Category};

const FILES: [(&str, &str); 8] = [
    ("war.tsv", include_str!("../lexicons/war.tsv")),
    ("loaded.tsv", include_str!("../lexicons/loaded.tsv")),
    ("labeling.tsv", include_str!("../lexicons/labeling.tsv")),
    ("fear.tsv", include_str!("../lexicons/fear.tsv")),
    (
        "exaggeration.tsv",
        include_str!("../lexicons/exaggeration.tsv"),
    ),
    (
        "flag_waving.tsv",
        include_str!("../lexicons/flag_waving.tsv"),
    ),
    ("unsourced.tsv", include_str!("../lexicons/unsourced.tsv")),
    ("sentiment.tsv", include_str!("../lexicons/sentiment.tsv")),
];

/// The data lines of every file, as columns.
fn rows() -> Vec<(&'static str, Vec<&'static str>)> {
    FILES
        .iter()
        .flat_map(|(name, text)| {
            text.lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with("term\t"))
                .map(move |l| (*name, l.split('\t').map(str::trim).collect()))
        })
        .collect()
}

fn filled(column: Option<&&str>) -> bool {
    column.is_some_and(|c| !c.is_empty() && *c != "-")
}

/// Checks each text's spans, as (text, category id), in order, against the table's.
fn assert_spans(table: &[(&str, &[(&str, &str)])]) {
    let analyzer = Analyzer::new();
    for (text, want) in table {
        let got: Vec<(String, &str)> = analyzer
            .analyze(text)
            .unwrap()
            .spans
            .iter()
            .map(|s| (s.text.clone(), s.category.id()))
            .collect();
        let want: Vec<(String, &str)> = want.iter().map(|(t, c)| (t.to_string(), *c)).collect();
        assert_eq!(got, want, "{text:?}");
    }
}

#[test]
fn coverage_per_category() {
    // (category, distinct entries at least) — issue 3.
    let goals = [
        (Category::War, 400),
        (Category::Loaded, 600),
        (Category::Labeling, 300),
        (Category::Fear, 300),
        (Category::Exaggeration, 200),
        (Category::FlagWaving, 200),
        (Category::Unsourced, 120),
        (Category::Sentiment, 3000),
    ];
    let mut distinct: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (_, cols) in rows() {
        distinct.entry(cols[1]).or_default().insert(cols[0]);
    }
    let counts = Analyzer::new().entries_per_category();
    let mut short = Vec::new();
    for (category, goal) in goals {
        let n = distinct.get(category.id()).map_or(0, HashSet::len);
        let engine = counts
            .iter()
            .find(|(c, _)| *c == category)
            .map_or(0, |(_, n)| *n);
        println!(
            "{:<14} {n:>5} distinct entries (engine {engine}), goal {goal}",
            category.id()
        );
        assert!(engine >= n, "every distinct entry reaches the engine");
        if n < goal {
            short.push(format!("{}: {n} < {goal}", category.id()));
        }
    }
    assert!(short.is_empty(), "coverage below the goals: {short:?}");
}

#[test]
fn alternatives_and_contexts() {
    let rows = rows();
    let judged: Vec<_> = rows
        .iter()
        .filter(|(_, c)| c[1] == "loaded" || c[1] == "labeling")
        .collect();
    let with_alternative = judged.iter().filter(|(_, c)| filled(c.get(5))).count();
    let share = with_alternative as f64 / judged.len() as f64;
    println!(
        "neutral alternatives: {with_alternative} of {} loaded and labeling entries ({:.0}%)",
        judged.len(),
        share * 100.0
    );
    assert!(share >= 0.5, "{share}");
    let contexts: usize = rows
        .iter()
        .filter(|(_, c)| filled(c.get(6)))
        .map(|(_, c)| c[6].split(';').filter(|x| !x.trim().is_empty()).count())
        .sum();
    println!("except contexts: {contexts}");
    assert!(contexts >= 100, "{contexts}");
    // Every valence is on VADER's scale and every sentiment word has one.
    for (file, c) in &rows {
        let valence: f64 = c[3].parse().unwrap_or(f64::NAN);
        assert!((-4.0..=4.0).contains(&valence), "{file}: {}", c[0]);
        if c[1] == "sentiment" {
            assert!(
                valence != 0.0,
                "{file}: sentiment word '{}' has no valence",
                c[0]
            );
        }
    }
}

#[test]
fn inflected_forms_are_found() {
    // Forms written out by hand, each with the category it must be found in.
    let table: &[(&str, &str)] = &[
        ("milice", "war"),
        ("paralysent le pays", "exaggeration"),
        ("milices", "war"),
        ("guerres", "war"),
        ("bombarder", "war"),
        ("bombardées", "war"),
        ("bombarderaient", "war"),
        ("bombardons", "war"),
        ("combattu", "war"),
        ("vaincus", "war"),
        ("massacrent", "war"),
        ("massacré", "war"),
        ("envahissent", "war"),
        ("envahi", "war"),
        ("intervention militaire", "war"),
        ("interventions militaires", "war"),
        ("coups d’État", "war"),
        ("COUP D'ETAT", "war"),
        ("scandaleux", "loaded"),
        ("scandaleuse", "loaded"),
        ("scandaleuses", "loaded"),
        ("mensongère", "loaded"),
        ("mensongers", "loaded"),
        ("honteuses", "loaded"),
        ("traître", "labeling"),
        ("traîtresse", "labeling"),
        ("traîtres", "labeling"),
        ("dictateurs", "labeling"),
        ("fasciste", "labeling"),
        ("fascistes", "labeling"),
        ("menaces", "fear"),
        ("menaçons", "fear"),
        ("catastrophes", "fear"),
        ("chaos", "fear"),
        ("patrie", "flag_waving"),
        ("héros", "flag_waving"),
        ("patriotes", "flag_waving"),
        ("sans précédent", "exaggeration"),
        ("toujours plus", "exaggeration"),
        ("selon certaines sources", "unsourced"),
        ("Selon des sources", "unsourced"),
        ("excellente", "sentiment"),
        ("excellents", "sentiment"),
        ("tristes", "sentiment"),
        // Verb expressions once conjugated by hand in a few tenses, now tagged `v`: the
        // tenses the hand lists lacked (futures of speeches, imperfects of reports).
        ("défendrons la patrie", "flag_waving"),
        ("sonnera le glas", "fear"),
        ("exécutaient des otages", "war"),
        ("raseront la ville", "war"),
        ("passerons en force", "loaded"),
        ("saignaient les contribuables", "loaded"),
        ("battront en retraite", "war"),
        ("grimperont en flèche", "exaggeration"),
        // Sixth pass: terms that have except contexts for a neutral sense (rows below).
        ("dérives", "loaded"),
        ("glorieuse", "flag_waving"),
        ("ravageurs", "fear"),
        ("submergée", "fear"),
        ("fantasme", "loaded"),
        ("narcissique", "loaded"),
        ("hydre", "loaded"),
        ("au forceps", "loaded"),
        ("big bang", "exaggeration"),
        ("mille et une", "exaggeration"),
        ("de malade", "exaggeration"),
        ("surpopulation", "fear"),
        ("violentée", "war"),
        ("censuré", "loaded"),
        ("s'écroule", "fear"),
        ("dernier rempart", "flag_waving"),
        ("attaqué", "war"),
        ("chars", "war"),
        ("pressurent", "loaded"),
        ("drapeau blanc", "war"),
        ("en sursis", "fear"),
        ("sous perfusion", "fear"),
        ("réprimé", "loaded"),
        ("de légende", "exaggeration"),
        // Precision audit: the rhetorical senses of entries narrowed with except contexts.
        ("mourir pour la patrie", "flag_waving"),
        ("grande nation", "flag_waving"),
        ("Aux armes", "flag_waving"),
        ("libérateurs", "flag_waving"),
        ("notre sol", "flag_waving"),
        ("armer", "war"),
        ("offensive", "war"),
        ("assaut", "war"),
        ("frappes sur", "war"),
        ("neutraliser", "war"),
        ("mouchard", "labeling"),
        ("exceptionnel", "sentiment"),
        ("tous les jours", "exaggeration"),
        ("alerte rouge", "fear"),
        ("hors de contrôle", "fear"),
        ("embrase", "fear"),
        ("enfer", "fear"),
        ("meurtrier", "war"),
        ("dévastatrice", "fear"),
        ("ravagé", "loaded"),
    ];
    let analyzer = Analyzer::new();
    let mut missing = Vec::new();
    for (form, category) in table {
        let text = format!("Voici : {form}.");
        let analysis = analyzer.analyze(&text).unwrap();
        let found = analysis
            .spans
            .iter()
            .any(|s| s.text == *form && s.category.id() == *category);
        if !found {
            let got: Vec<_> = analysis
                .spans
                .iter()
                .map(|s| format!("{}:{}", s.text, s.category.id()))
                .collect();
            missing.push(format!("{form} ({category}) → {got:?}"));
        }
    }
    assert!(missing.is_empty(), "not found: {missing:#?}");
    // Negative rows: neutral senses stay unmarked.
    for text in [
        "un régime alimentaire",
        "une attaque cardiaque",
        "une troupe de théâtre",
        "défendre une thèse",
        "une bombe glacée",
        "la campagne de vaccination",
        "une unité de mesure",
        "pas mal",
        // Verb expressions tagged `v` match their own words only: other objects, other verbs.
        "nous défendrons la thèse",
        "la cloche sonnera à midi",
        "ils raseront la barbe",
        "le prix grimpera un peu",
        // Technical senses in software documentation.
        "l'historique du navigateur",
        "le plus grand numéro de version",
        "la nième expression rationnelle",
        "le Master Boot Record",
        "la manipulation des bogues",
        // Sixth pass: the neutral senses of new entries.
        "la dérive des continents",
        "les Trente Glorieuses",
        "les insectes ravageurs des cultures",
        "il était submergé par l'émotion",
        "le nerf de la guerre",
        "un fantasme sexuel",
        "un trouble de la personnalité narcissique",
        "l'hydre de Lerne",
        "un accouchement au forceps",
        "la théorie du big bang",
        "les Mille et Une Nuits",
        "un lit de malade",
        "la surpopulation carcérale",
        "le tsunami de 2004",
        "une illustration violente",
        "l'alphabet Braille",
        // Neutral senses found by the seventh pass on older entries.
        "la troupe de la Comédie-Française",
        "des grains de grenade",
        "tailler les haies",
        "les drapeaux du paquet",
        "L'attaque toulousaine a marqué trois essais.",
        // Neutral news: a court's ruling, sport, software, a Paris square, wolves.
        "Le Conseil constitutionnel a censuré plusieurs articles.",
        "Lyon s'écroule en seconde période.",
        "Le gardien, dernier rempart de son équipe, a multiplié les arrêts.",
        "Le coureur a attaqué dans la dernière ascension.",
        "Les loups ont attaqué un troupeau de moutons.",
        "un logiciel qui détecte les menaces informatiques",
        "Le cortège est allé de la Bastille à la Nation.",
        // Known false positives of the fifth pass: a C type, cash vans, English.
        "le type char en C",
        "les blindés de transport de fonds",
        "Under pressure",
        "un sabre japonais",
        "deux ans de prison dont un an en sursis",
        "Le patient est sous perfusion.",
        "Il a réprimé un sourire.",
        "La capture d'écran n'a pas de légende.",
        "Une voiture parquée devant la gare.",
        "Répartir la farce dans les tomates.",
        "Un tir enroulé du gauche.",
        // Precision audit: neutral news uses of flag-waving words.
        "Salzbourg, la patrie de Mozart",
        "sa patrie d'adoption",
        "les grandes nations du rugby",
        "l'accès aux armes à feu",
        "Il vise la victoire finale du Tour.",
        "Trois coureurs restent en lice pour la victoire.",
        "Le but libérateur est venu à la 89e minute.",
        "Les joueurs ont montré beaucoup d'abnégation.",
        "Il a été interpellé sur le sol français.",
        "Il est retourné dans sa terre natale.",
        "le secrétaire d'État aux anciens combattants",
        "Le drapeau rouge flotte sur la plage.",
        "la Société des Nations",
        "les îles Glorieuses",
        "Le jugement a été rendu au nom du peuple français.",
        // Precision audit: sport, disasters, accidents, companies, a stroke.
        "Le patient a été victime d'une attaque cérébrale.",
        "Lens a livré une démonstration offensive.",
        "Le club part à l'assaut du titre.",
        "la bataille pour le maintien",
        "le combat pour le titre",
        "une armada de supporters",
        "les trains Bombardier",
        "Il a dynamité le peloton.",
        "La ville a été détruite par le séisme.",
        "Il a été tué dans un accident de la route.",
        "le secret de la défense nationale",
        "Lille a multiplié les frappes cadrées.",
        "La course a été neutralisée après la chute.",
        "Les Bleus ont livré un gros combat.",
        "les grandes nations européennes",
        "la pose de mouchards sur une voiture",
        "De plus en plus de Français partent hors saison.",
        "Le journal paraît chaque jour.",
        "Une prime exceptionnelle sera versée.",
        "Un conseil municipal extraordinaire est convoqué.",
        "Une alerte rouge aux inondations a été déclenchée.",
        "la perte de contrôle du véhicule",
        "L'incendie est hors de contrôle.",
        "Le stade s'est embrasé à la 90e minute.",
        "Une petite frayeur en fin de match.",
        "Un afflux massif de patients aux urgences.",
        "Paris-Roubaix, l'enfer du Nord",
        "la prévention des risques majeurs",
        "Un incendie a ravagé la forêt.",
        "Un séisme meurtrier a frappé le Japon.",
        "un accident meurtrier sur l'autoroute",
        "La tempête dévastatrice a touché la côte.",
        "Les enquêteurs privilégient la piste criminelle.",
        "Les soldats du feu sont intervenus.",
        "Le match a été arrêté après une invasion de terrain.",
        "La plage est envahie par les touristes.",
        "Le stade a connu un record d'affluence.",
        "le parti Les Patriotes",
        "C'est un tueur devant le but.",
        "L'attaque lyonnaise a buté sur le gardien.",
        "Monaco a assiégé le but adverse.",
        "la bataille du milieu de terrain",
    ] {
        let spans = analyzer.analyze(text).unwrap().spans;
        assert!(
            spans.iter().all(|s| s.category == Category::Sentiment),
            "{text}: {spans:?}"
        );
    }
}

/// Matching ignores accents, so a word can collide with its accented twin (`peiné` and
/// `peine`, `bombe` and `bombé`): the twin's usual contexts are `except` data. Each row is a
/// text and the spans expected, as (text, category); negative rows expect none.
#[test]
fn accent_twins_keep_their_own_sense() {
    let table: &[(&str, &[(&str, &str)])] = &[
        ("Il est peiné.", &[("peiné", "sentiment")]),
        ("la peine de mort", &[]),
        ("quelle peine de mort ?", &[]),
        ("Un esprit borné.", &[("borné", "loaded")]),
        ("une borne de recharge", &[]),
        ("Il s'est fait berner.", &[("berner", "loaded")]),
        ("une réunion à Berne", &[]),
        (
            "Il est ulcéré par cette décision.",
            &[("ulcéré", "sentiment")],
        ),
        ("un ulcère à l'estomac", &[]),
        ("une administration sclérosée", &[("sclérosée", "loaded")]),
        ("la sclérose en plaques", &[]),
        ("une bombe", &[("bombe", "war")]),
        ("un toit bombé", &[]),
        ("un juge intègre", &[("intègre", "sentiment")]),
        ("il est bien intégré", &[]),
        ("un taré", &[("taré", "labeling")]),
        ("une tare", &[]),
        ("les sinistrés de la tempête", &[]),
        ("les bandits manchots du casino", &[]),
        // « pille » is a form of `piller` and of `pillé`: the participle, its accent twin
        // here, gives way to the verb.
        (
            "Ils pillent, il pille, tout est pillé.",
            &[
                ("pillent", "loaded"),
                ("pille", "loaded"),
                ("pillé", "loaded"),
            ],
        ),
    ];
    assert_spans(table);
}

/// Eighth pass (precision): neutral senses of flagged words found on neutral text (news,
/// sport, culture, institutions, software documentation) get `except` contexts, move to the
/// category the admission rule gives them, or leave. Each row is a text and the spans
/// expected other than `sentiment`, as (text, category): negative rows expect none, and a
/// positive row next to them shows the rhetorical sense still found.
#[test]
fn precision_pass_keeps_neutral_senses_unmarked() {
    let table: &[(&str, &[(&str, &str)])] = &[
        // Flag-waving words in sport, ceremonies, culture and institutions.
        ("Le gardien a été le héros de la séance de tirs au but.", &[]),
        ("Il a retrouvé le héros de son enfance.", &[]),
        ("Gloire éternelle à nos héros !", &[("Gloire éternelle", "flag_waving"), ("nos héros", "flag_waving")]),
        ("Les joueurs ont chanté la Marseillaise avant le coup d'envoi.", &[]),
        ("Un documentaire sur la Marseillaise est diffusé ce soir.", &[]),
        ("La cérémonie s'est terminée par la Marseillaise, chantée par les enfants.", &[]),
        ("Ils ont entonné la Marseillaise au meeting.", &[]),
        ("La Marseillaise est notre cri de ralliement !", &[("Marseillaise", "flag_waving")]),
        ("L'hymne national a retenti au moment de la remise des médailles.", &[]),
        ("Le musée consacre une exposition aux drapeaux des marines du XVIIIe siècle.", &[]),
        ("Le drapeau européen flotte devant la préfecture.", &[]),
        ("Les supporters ont agité des drapeaux aux couleurs du club.", &[]),
        ("Airbus, fleuron de l'aéronautique européenne, a livré 60 appareils.", &[]),
        ("Ce fleuron national doit rester chez nous.", &[("fleuron national", "flag_waving")]),
        ("Le film raconte l'épopée de la conquête spatiale.", &[]),
        ("Le président a commencé par « Mes chers compatriotes ».", &[]),
        ("Françaises, Français, je m'adresse à vous ce soir.", &[]),
        ("Nous protégerons nos compatriotes.", &[("nos compatriotes", "flag_waving")]),
        ("Les nationalistes corses ont gagné la majorité à l'Assemblée de Corse.", &[]),
        ("Les souverainistes québécois réclament un référendum.", &[]),
        ("La montée du nationalisme inquiète Bruxelles.", &[("nationalisme", "flag_waving")]),
        ("Saint Étienne, premier martyr chrétien, est fêté le 26 décembre.", &[]),
        ("Le Conseil de défense et de sécurité nationale s'est réuni.", &[]),
        ("Le ministère de l'Immigration, de l'Intégration et de l'Identité nationale a été créé en 2007.", &[]),
        ("Ils veulent effacer l'identité nationale.", &[("identité nationale", "flag_waving")]),
        ("La grande cause nationale de l'année est la santé mentale.", &[]),
        ("Notre culture d'entreprise repose sur la confiance.", &[]),
        ("Notre langue maternelle est le breton.", &[]),
        ("Ils oublient notre culture et notre histoire.", &[("notre culture", "flag_waving"), ("notre histoire", "flag_waving")]),
        ("La commune organise un repas pour nos aînés le 12 décembre.", &[]),
        (
            "Il s'agit de « l'indépendance nationale, de l'intégrité du territoire et de la défense nationale ».",
            &[("défense nationale", "war")],
        ),
        ("Défendre l'indépendance nationale face aux empires !", &[("indépendance nationale", "flag_waving")]),
        ("Un feuilleton historique sur la Résistance est diffusé le mardi.", &[]),
        // Descriptive military words are `war`, not an appeal to the nation.
        ("Les anciens combattants ont défilé devant la mairie.", &[("anciens combattants", "war")]),
        ("Le Musée de l'Armée présente une exposition sur Napoléon.", &[]),
        ("La Grande Armée a traversé le Niémen en 1812.", &[]),
        // Names of governments, parliamentary groups and historical periods; economic news.
        ("Le Premier ministre a formé un gouvernement d'unité nationale.", &[]),
        ("Il faut un sursaut d'unité nationale.", &[("unité nationale", "flag_waving")]),
        ("Le groupe Europe des nations et des libertés a été dissous.", &[]),
        ("Il est né à Oran, du temps de l'Algérie française.", &[]),
        ("Vive l'Algérie française !", &[("Vive l'Algérie française", "flag_waving")]),
        ("Le constructeur va relocaliser en France la production de ses batteries.", &[]),
        // Bare « drapeau », « hymne national » and « souveraineté » are out (they mostly
        // describe); the appeal stays in the expressions.
        ("Le porte-drapeau de la délégation sera un judoka.", &[]),
        ("Le drapeau breton flotte sur la mairie de Quimper.", &[]),
        ("Le chanteur a repris l'hymne national a cappella.", &[]),
        ("La souveraineté du Mali sur le nord du pays reste contestée.", &[]),
        ("Notre drapeau ne se négocie pas.", &[("Notre drapeau", "flag_waving")]),
        ("Ils ont brûlé le drapeau tricolore !", &[("drapeau tricolore", "flag_waving")]),
        ("Reprenons notre souveraineté !", &[("notre souveraineté", "flag_waving")]),
        // Words that judge someone else's chauvinism, foreign-agent labels and names of
        // armed groups are not appeals to the nation.
        ("Le groupe des Patriotes pour l'Europe siège à Strasbourg.", &[]),
        ("Les supporters chauvins ont sifflé.", &[("chauvins", "loaded")]),
        ("Un journaliste à la solde de Moscou.", &[("à la solde de Moscou", "labeling")]),
        ("L'axe de la résistance regroupe plusieurs milices.", &[("axe de la résistance", "war"), ("milices", "war")]),
        // The possessive before an ordinary trade or group is everyday French.
        ("Nos agriculteurs ont enregistré une bonne récolte.", &[]),
        ("Nos enseignants accompagnent chaque élève.", &[]),
        ("Merci à nos soignants.", &[]),
        ("Il faut sauver nos villages et nos clochers.", &[("nos villages", "flag_waving"), ("nos clochers", "flag_waving")]),
        // A flag-waving word as the title of a work, and sport, culture and family senses.
        ("Le film « Patrie » sort mercredi en salles.", &[]),
        ("Le roman « La Patrie » a reçu un prix.", &[]),
        ("La série « Les Héros » revient.", &[]),
        ("Son album « Drapeau blanc » sort en mars.", &[]),
        ("La chanson « Douce France » a été reprise.", &[]),
        ("Mourir pour la patrie !", &[("Mourir pour la patrie", "flag_waving")]),
        ("Notre patrie vous appelle !", &[("Notre patrie", "flag_waving")]),
        ("Les Lyonnais ont livré une défense héroïque.", &[]),
        ("Saluons leur résistance héroïque.", &[("résistance héroïque", "flag_waving")]),
        ("Le morceau de bravoure du film est une poursuite.", &[]),
        ("Les parents ont fait beaucoup de sacrifices pour payer ses études.", &[]),
        ("Le sacrifice de nos soldats ne sera pas vain.", &[("sacrifice de nos soldats", "flag_waving")]),
        ("Le Japon est une nation insulaire.", &[]),
        ("Les nations membres de l'OTAN se réunissent.", &[]),
        // Everyday, science, sport and software senses of other categories.
        ("On a mangé une tarte aux pommes.", &[]),
        ("Le défenseur a été exclu pour un tacle dangereux.", &[]),
        ("Un individu dangereux est recherché.", &[("dangereux", "fear")]),
        ("Les parasites colonisent l'intestin de leur hôte.", &[]),
        ("Ces parasites vivent de nos impôts.", &[("parasites", "labeling")]),
        ("Les criquets ont ravagé les cultures au Kenya.", &[]),
        ("L'élève rebelle a été convoqué chez le proviseur.", &[]),
        ("Les rebelles ont pris la ville.", &[("rebelles", "war")]),
        ("Le clown a fait rire les enfants.", &[]),
        ("Ce ministre est un clown.", &[("clown", "labeling")]),
        ("La commande suggère la suppression massive de paquets.", &[]),
        ("Deux randonneurs se sont égarés dans le massif.", &[]),
        ("Un soutien massif au candidat.", &[("massif", "exaggeration")]),
        ("Ces options ne sont prévues que pour être utilisées par des experts.", &[]),
        // A figurative hostage-taking (a strike, a blockade) judges an act: `loaded`; the
        // literal one stays `war`.
        ("Les cheminots prennent en otage les usagers.", &[("prennent en otage les usagers", "loaded")]),
        ("Les usagers sont pris en otage.", &[("usagers sont pris en otage", "loaded")]),
        ("Un homme a pris en otage trois civils.", &[("pris en otage", "war")]),
        ("Le droit d'ingérence humanitaire.", &[]),
        ("Une ingérence dans nos affaires.", &[("ingérence", "fear")]),
        ("Les incendies qui ravagent le sud.", &[]),
        // Opinion, speech and social-media registers, and place names.
        ("Notre pays compte 35 000 communes.", &[]),
        ("Le héros de mon enfance, c'était Zidane.", &[]),
        ("Le prof nous a donné un devoir monstre pour lundi.", &[]),
        ("L'équipe a résisté aux assauts adverses jusqu'à la dernière minute.", &[]),
        ("L'équipe a capitulé en fin de match.", &[]),
        ("Lyon possède la meilleure attaque du championnat.", &[]),
        ("L'attaque russe a visé Kiev.", &[("attaque", "war")]),
        ("Les pompiers combattent les flammes depuis trois jours.", &[]),
        ("Ils combattent pour leur terre.", &[("combattent", "war")]),
        ("Selon une étude publiée dans The Lancet, le risque baisse.", &[]),
        ("Selon une étude, le risque baisse.", &[("Selon une étude", "unsourced")]),
        ("Il habite à Pantin, près de la porte de Pantin.", &[]),
        ("Ce président est un pantin.", &[("pantin", "labeling")]),
        ("Mon beauf vient dîner dimanche.", &[]),
        ("Il s'est fait un petit bobo au genou.", &[]),
        ("Le royaume vandale d'Afrique du Nord.", &[]),
        ("Une horde de fans attendait la chanteuse.", &[]),
        ("les courtisans de Versailles", &[]),
        // War words in their everyday senses.
        ("Les chars du carnaval ont défilé.", &[]),
        ("Les chars russes avancent.", &[("chars", "war")]),
        ("L'état-major du club a tranché.", &[]),
        ("Le bûcheron a abattu trois chênes malades.", &[]),
        ("Le chien a été abattu par les gendarmes.", &[]),
        ("Les soldats ont abattu trois civils.", &[("soldats", "war"), ("abattu", "war")]),
        ("Le pétard a explosé dans la poubelle.", &[]),
        ("La conquête de Mars reste un rêve.", &[]),
        ("La bataille des prix fait rage entre opérateurs.", &[]),
        ("Le chef d'escadron de la gendarmerie a témoigné.", &[]),
        // Fear and loaded words in reports, law, geology and everyday life.
        ("Le danger est écarté pour les randonneurs.", &[]),
        ("Le panneau « danger de mort » signale une ligne électrique.", &[]),
        ("Le chaos de roches granitiques attire les grimpeurs.", &[]),
        ("Le pays sombre dans le chaos.", &[("Le pays sombre", "fear"), ("chaos", "fear")]),
        ("Le toit de la grange s'est effondré sous la neige.", &[]),
        ("Le chef d'entreprise a été mis en examen pour corruption.", &[]),
        ("Ce gouvernement est rongé par la corruption.", &[("corruption", "loaded")]),
        ("Le musée de la propagande soviétique ouvre à Riga.", &[]),
        ("Le tri sélectif réduit le gaspillage.", &[]),
        ("Quel gaspillage de l'argent public !", &[("gaspillage", "loaded")]),
        // Software documentation (Debian's reference guide).
        ("Utilisez kill(1) pour tuer (ou envoyer un signal à) un processus.", &[]),
        ("Une seule mise à jour peut détruire tous ses changements.", &[]),
        ("les défaillances mécaniques dues aux manipulations", &[]),
        ("Si le fichier « status » est corrompu pour une raison quelconque, relancez.", &[]),
        ("Ils veulent détruire le pays.", &[("détruire", "war")]),
        // Institutions and legal measures in neutral news.
        ("La ministre des Armées a présenté la loi de programmation.", &[]),
        ("L'état d'urgence a été décrété en Nouvelle-Calédonie.", &[]),
        ("Un couvre-feu à 18 heures est instauré dans quinze départements.", &[]),
        ("Un couvre-feu a été imposé par l'armée.", &[("couvre-feu", "war"), ("armée", "war")]),
        // Social-media slang.
        ("Elle a tué le game avec ce clip.", &[]),
        ("Tu m'as tué avec cette blague.", &[]),
        ("Mon fils a massacré la chanson au karaoké.", &[]),
        ("J'ai détruit mon record au semi-marathon.", &[]),
        ("Ce mec est un monstre à la guitare.", &[]),
        ("Il a tué sa femme.", &[("tué", "war")]),
        // Loaded and labeling by the rule: an ideology or a policy is judged (`loaded`), a
        // person or a group is named (`labeling`).
        ("Ils dénoncent le wokisme et le complotisme.", &[("wokisme", "labeling"), ("complotisme", "labeling")]),
        ("Assez de cette dictature sanitaire !", &[("dictature sanitaire", "labeling")]),
        ("La Françafrique a la vie dure.", &[("Françafrique", "labeling")]),
        ("Les complices du pouvoir se taisent.", &[("complices", "loaded")]),
        ("Le lobby du tabac a gagné.", &[("lobby", "loaded")]),
    ];
    let analyzer = Analyzer::new();
    let mut wrong = Vec::new();
    for (text, want) in table {
        let got: Vec<(String, &str)> = analyzer
            .analyze(text)
            .unwrap()
            .spans
            .iter()
            .filter(|s| s.category != Category::Sentiment)
            .map(|s| (s.text.clone(), s.category.id()))
            .collect();
        let want: Vec<(String, &str)> = want.iter().map(|(t, c)| (t.to_string(), *c)).collect();
        if got != want {
            wrong.push(format!("{text:?}: got {got:?}, want {want:?}"));
        }
    }
    // Sentiment words in technical and English senses: no span at all.
    for text in [
        "La commande retourne un succès quand elle se termine.",
        "It has exactly the same content and size as the original.",
        "You may need to do extra manual configuration.",
        "Changez de source avec SUPER+ESPACE.",
        "Une autre étude conclut à un effet nul à court terme.",
    ] {
        let spans = analyzer.analyze(text).unwrap().spans;
        if !spans.is_empty() {
            wrong.push(format!("{text:?}: got {spans:?}, want none"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The embedded domains (`domain` in `rules.tsv`, `@domain` in `except`): war, fear and
/// flag-waving words in a sentence about a match, a game, a film, a computer, a garden, the
/// weather, a natural disaster or a disease are not rhetoric there; the same words elsewhere
/// are. Each row is a text and the categories of the spans expected: none where a domain
/// silences them; elsewhere (the negative rows), their own.
#[test]
fn domains_silence_everyday_senses() {
    let table: &[(&str, &[&str])] = &[
        ("L'offensive lyonnaise a dominé la demi-finale.", &[]),
        (
            "Le buteur a pilonné la défense adverse toute la soirée.",
            &[],
        ),
        ("Aux échecs, il a lancé une attaque sur l'aile du roi.", &[]),
        ("Dans ce jeu vidéo, il faut tuer des dragons.", &[]),
        ("Le héros du long-métrage sauve sa fille.", &[]),
        (
            "Une attaque par déni de service a visé le serveur web.",
            &[],
        ),
        ("Les pucerons ravagent le potager.", &[]),
        (
            "Météo-France annonce des averses et la menace d'un coup de vent.",
            &[],
        ),
        (
            "Le séisme de magnitude 7 a tué 300 personnes et détruit des milliers de maisons.",
            &[],
        ),
        (
            "L'ouragan a ravagé les côtes, les crues ont envahi les caves.",
            &[],
        ),
        ("Les incendies de forêt ont anéanti 20 000 hectares.", &[]),
        (
            "Les anticorps neutralisent le pathogène avant qu'il n'envahisse les tissus.",
            &[],
        ),
        ("Les globules blancs combattent l'infection.", &[]),
        // A domain word counts in the sentences around, on the same line (a paragraph).
        (
            "Lyon a gagné le match 3-0. Le héros du soir a marqué deux fois en contre-attaque.",
            &[],
        ),
        (
            "Elle a capitulé au quarantième coup. C'était la finale du championnat.",
            &[],
        ),
        // Negative rows: the same words in war, politics, or beside a domain word on
        // another line or too far away.
        ("L'offensive russe a dominé la nuit.", &["war"]),
        (
            "Le régime a pilonné la ville toute la soirée.",
            &["labeling", "war"],
        ),
        ("Ils veulent tuer des civils.", &["war"]),
        ("Nos héros sont tombés au combat.", &["flag_waving", "war"]),
        ("La Russie menace l'Europe.", &["fear"]),
        ("Le match est fini.\nL'offensive russe a repris.", &["war"]),
        (
            "Le match est fini.\n\nL'offensive russe a repris.",
            &["war"],
        ),
        (
            "Le match est fini. Les supporters sont rentrés chez eux après une longue soirée \
             de chants, de klaxons et de drapeaux, et la ville a retrouvé son calme vers \
             minuit, sous une pluie fine qui n'a retenu personne chez soi, ni dans les bars \
             ni dans les rues du centre. Les bus de nuit ont circulé jusqu'à trois heures, \
             les boulangeries ont ouvert à l'heure habituelle et les premiers trains sont \
             partis pleins de voyageurs. À l'aube, l'offensive russe a repris.",
            &["war"],
        ),
        (
            "Un séisme politique a détruit la coalition au pouvoir.",
            &["fear", "war"],
        ),
        (
            "La sécheresse dure. Les bombardements ont détruit la ville.",
            &["war", "war"],
        ),
        (
            "Nous sommes en guerre contre le virus : il faut combattre l'infection.",
            &["war", "war"],
        ),
    ];
    let analyzer = Analyzer::new();
    for (text, want) in table {
        let got: Vec<&str> = analyzer
            .analyze(text)
            .unwrap()
            .spans
            .iter()
            .map(|s| s.category.id())
            .collect();
        assert_eq!(got, *want, "{text:?}");
    }
}

/// An `except` context silences the entries within it, not the rule words inside it nor the
/// patterns that start inside it and go on: `à jamais` has the context « n'~ », and « n'a
/// jamais » still negates and still starts « jamais été aussi ». A context that starts
/// inside another one silences its own entry too. Each row: a text and its spans as
/// (text, category, negated).
/// A span as (text, category id, negated).
type Seen<'a> = (&'a str, &'static str, bool);

#[test]
fn contexts_silence_their_entry_only() {
    let table: &[(&str, &[Seen])] = &[
        (
            "La Russie n'a jamais attaqué l'Ukraine.",
            &[("attaqué", "war", true)],
        ),
        (
            "La France n'a jamais été aussi divisée.",
            &[("jamais été aussi", "exaggeration", false)],
        ),
        (
            "Les superprofits n'ont jamais été aussi indécents.",
            &[
                ("superprofits", "loaded", false),
                ("jamais été aussi", "exaggeration", false),
                ("indécents", "loaded", false),
            ],
        ),
        ("Elle joue dans une troupe de théâtre amateur.", &[]),
        // Negative rows: the contexts still silence their entries.
        ("Ce vélo n'a jamais servi.", &[]),
        ("Un régime alimentaire équilibré.", &[]),
        ("Il a eu une attaque cardiaque hier.", &[]),
        ("Il a joué en amateur toute sa vie.", &[]),
    ];
    let analyzer = Analyzer::new();
    for (text, want) in table {
        let spans = analyzer.analyze(text).unwrap().spans;
        let got: Vec<Seen> = spans
            .iter()
            .map(|s| (s.text.as_str(), s.category.id(), s.negated))
            .collect();
        assert_eq!(&got, want, "{text}");
    }
}

/// Fourth writer's pass: gaps found on `lexicons/dev/fourth-writer.md` and checked on the
/// other development sets. Each row is a text and every span expected, sentiment included,
/// as (text, category): the literal « jamais vu » and the ritual « je suis heureux de » are
/// not spans, nor a band that plays the Marseillaise, an engine's « régime », a shooting
/// range's « pas de tir », a garbage strike's « ordures », a game boss beaten or aphids
/// killed; the words added next to them are found.
#[test]
fn fourth_writer_pass() {
    let table: &[(&str, &[(&str, &str)])] = &[
        ("Ces citadins n'ont jamais vu une vache de près.", &[]),
        ("Le projet n'a jamais vu le jour.", &[]),
        (
            "Le maire décrit des dégâts jamais vus dans la commune.",
            &[("jamais vus", "exaggeration")],
        ),
        // « de plus en plus », an exaggeration by the design, no longer a booster; its
        // longer unsourced expressions win.
        (
            "Des étés de plus en plus chauds.",
            &[("de plus en plus", "exaggeration")],
        ),
        (
            "De plus en plus de voix s'élèvent.",
            &[("De plus en plus de voix", "unsourced")],
        ),
        // A number that grows is a fact (`~ de`).
        ("De plus en plus d'élèves mangent à la cantine.", &[]),
        (
            "Je suis heureux d'inaugurer avec vous cette médiathèque.",
            &[],
        ),
        ("Nous sommes très heureux de vous accueillir.", &[]),
        ("Elle est heureuse.", &[("heureuse", "sentiment")]),
        (
            "La fanfare municipale jouera la Marseillaise à l'arrivée.",
            &[],
        ),
        ("Les remontées mécaniques tourneront à régime réduit.", &[]),
        (
            "Le régime a fait emprisonner les opposants.",
            &[("régime", "labeling")],
        ),
        ("La mairie financera un second pas de tir couvert.", &[]),
        (
            "Les ordures ne sont pas ramassées depuis trois semaines.",
            &[],
        ),
        (
            "Le boss final a été nerfé : on peut le vaincre en solo.",
            &[],
        ),
        ("Ce savon noir tue les pucerons sans pesticide.", &[]),
        ("Il a été poursuivi pour provocation à la haine.", &[]),
        (
            "Pékin dénonce une provocation.",
            &[("provocation", "loaded")],
        ),
        (
            "Plusieurs journalistes ont été passés à tabac.",
            &[("passés à tabac", "war")],
        ),
        (
            "La France est-elle devenue cobelligérante ?",
            &[("cobelligérante", "war")],
        ),
        (
            "Le parti de la guerre a gagné.",
            &[("parti de la guerre", "labeling")],
        ),
        (
            "Des sources diplomatiques évoquent une visite.",
            &[("Des sources diplomatiques", "unsourced")],
        ),
        (
            "Ils se fichent de nous.",
            &[("se fichent de nous", "loaded")],
        ),
        (
            "Washington dénonce une piraterie d'État.",
            &[("piraterie d'État", "loaded")],
        ),
        (
            "Il faut agir avant qu'il soit trop tard.",
            &[("avant qu'il soit trop tard", "fear")],
        ),
        ("Un raid a visé Khan Younès.", &[("raid", "war")]),
        ("Les hommes du Raid sont intervenus à l'aube.", &[]),
        ("Le raid aventure part samedi de Chamonix.", &[]),
        (
            "Face à l'agresseur, nos défenseurs tiennent.",
            &[("agresseur", "labeling"), ("nos défenseurs", "flag_waving")],
        ),
        ("Nos défenseurs ont été solides pendant tout le match.", &[]),
        (
            "Une odeur infecte règne dans le hall.",
            &[("infecte", "loaded")],
        ),
        ("Le virus infecte les cellules du foie.", &[]),
        ("La plaie s'infecte.", &[]),
        (
            "Ils prennent le pays en otage.",
            &[("prennent le pays en otage", "loaded")],
        ),
        ("Dans ce jeu vidéo, le boss m'a massacré.", &[]),
        ("Le houmous est une tuerie.", &[]),
        ("La tuerie a fait douze morts.", &[("tuerie", "war")]),
        ("Les vignes subissent une attaque de mildiou.", &[]),
        ("J'ai complètement oublié mon régime.", &[]),
        ("Le régime du fleuve dépend des pluies.", &[]),
        ("Le noyau Linux offre un RAID logiciel.", &[]),
        ("L'usine combine plusieurs sources d'énergie.", &[]),
        (
            "Certaines sources parlent de dix blessés.",
            &[("Certaines sources", "unsourced")],
        ),
        (
            "Nous éradiquerons les terroristes.",
            &[("éradiquerons", "war"), ("terroristes", "labeling")],
        ),
        ("La variole est éradiquée depuis 1980.", &[]),
        ("Ils ont éradiqué la polio.", &[]),
    ];
    assert_spans(table);
}

/// The fifth writer's pass (`lexicons/README.md`): war words in their military
/// constructions, the people and the brotherhood of a nation, polemical verbs; then the
/// possessives, slogans and formulas every writer of the development sets left unmarked,
/// and everyday senses (sport, cooking, music, garden, chess) that must give no span.
#[test]
fn fifth_writer_pass() {
    let table: &[(&str, &[(&str, &str)])] = &[
        (
            "Les paramilitaires ont écrasé la rébellion en trois jours.",
            &[("paramilitaires", "war"), ("écrasé la rébellion", "war")],
        ),
        (
            "Les miliciens ont incendié des maisons dans le village.",
            &[("miliciens", "war"), ("incendié des maisons", "war")],
        ),
        (
            "Des otages exécutés ont été retrouvés près de la frontière.",
            &[("otages exécutés", "war")],
        ),
        (
            "Le quartier rasé n'est plus qu'un souvenir.",
            &[("quartier rasé", "war")],
        ),
        (
            "Après sept mois de siège, la ville est tombée.",
            &[("mois de siège", "war")],
        ),
        (
            "Le gouvernement veut ruiner les artisans.",
            &[("ruiner", "loaded")],
        ),
        ("Cette taxe ruine les éleveurs.", &[("ruine les", "loaded")]),
        (
            "La majorité a déclaré la guerre sociale aux chômeurs.",
            &[("déclaré la guerre sociale", "loaded")],
        ),
        (
            "Le grand peuple serbe ne pliera jamais.",
            &[("grand peuple", "flag_waving")],
        ),
        (
            "Nous défendrons nos frères ukrainiens.",
            &[("défendrons nos frères", "flag_waving")],
        ),
        (
            "Nos forces ont libéré le village ce matin.",
            &[("libéré le village", "flag_waving")],
        ),
        (
            "C'est la pire crise de toute l'histoire.",
            &[
                ("la pire crise", "exaggeration"),
                ("de toute l'histoire", "exaggeration"),
            ],
        ),
        (
            "Le régime a voulu voler l'élection.",
            &[("régime", "labeling"), ("voler l'élection", "loaded")],
        ),
        (
            "Bruxelles veut sacrifier nos éleveurs.",
            &[("sacrifier nos éleveurs", "loaded")],
        ),
        (
            "Nous sommes chez nous, et nous le resterons.",
            &[("Nous sommes chez nous", "flag_waving")],
        ),
        // Possessives of ordinary places and forces, the closing formula of a speech,
        // defiance slogans and inévitable are not flag-waving or exaggeration; domain words
        // silence sport colours, a bursting sourdough, a kitchen rush, a symphony's name.
        ("Nos frontières sont ouvertes aux étudiants.", &[]),
        ("Le ministre a reçu nos gendarmes à la préfecture.", &[]),
        ("Notre pays compte 68 millions d'habitants.", &[]),
        (
            "Le discours s'est achevé par « Vive la République, vive la France ».",
            &[],
        ),
        ("Les championnes ont défendu nos couleurs au handball.", &[]),
        ("Le levain a explosé dans le bocal.", &[]),
        ("Le coup de feu commence à midi en cuisine.", &[]),
        ("L'orchestre a joué la symphonie « Héroïque ».", &[]),
        ("On observe une invasion des escargots au potager.", &[]),
        ("Le château ruiné domine la vallée.", &[]),
        // An absolute, as the design lists them: kept (its removal rested on one passage).
        (
            "Pour eux, la guerre est désormais inévitable.",
            &[("guerre", "war"), ("inévitable", "exaggeration")],
        ),
        ("Il a cherché partout où elle range ses clés.", &[]),
        (
            "Au club d'échecs, chaque partie tourne à la boucherie.",
            &[],
        ),
        ("Le dessert en forme d'obus est servi glacé.", &[]),
        ("Les élus veulent libérer la ville des voitures.", &[]),
        ("Nos valeurs d'entreprise sont l'écoute et la rigueur.", &[]),
        (
            "Ils veulent abolir nos valeurs et notre mode de vie.",
            &[
                ("nos valeurs", "flag_waving"),
                ("notre mode de vie", "flag_waving"),
            ],
        ),
        (
            "Nous ne lâcherons rien sur les salaires, a dit la syndicaliste.",
            &[],
        ),
    ];
    assert_spans(table);
}
