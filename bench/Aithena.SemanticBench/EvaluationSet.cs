namespace Aithena.SemanticBench;

/// <summary>What a query tests.</summary>
public enum QueryKind
{
    /// <summary>Says what the passage says in other words.</summary>
    Paraphrase,

    /// <summary>Uses a synonym of the passage's key word.</summary>
    Synonym,

    /// <summary>A term that appears in the passage as written.</summary>
    ExactTerm,

    /// <summary>A person's, place's or product's name from the passage.</summary>
    Name,

    /// <summary>A number, year or code from the passage.</summary>
    Number,

    /// <summary>A question the passage answers.</summary>
    Question,
}

/// <summary>One labelled query: the passages (by key) that answer it.</summary>
public sealed record LabelledQuery(string Text, QueryKind Kind, params string[] Relevant);

/// <summary>
/// The evaluation set, written for Aithena: passages that answer the queries (each with a key), hard negatives that
/// share the queries' words without answering them, and generated filler about unrelated everyday matters. Every
/// passage is indexed as a one-page document, so a document's rank is its passage's rank.
/// </summary>
public static class EvaluationSet
{
    public static readonly IReadOnlyList<(string Key, string Text)> Targets =
    [
        ("cat", "After lunch the feline dozed on the rug for the whole afternoon, undisturbed by the rain."),
        ("car-repair", "The mechanic replaced the worn brake pads and told us the automobile was safe to drive again."),
        ("heart", "Regular aerobic exercise strengthens the cardiac muscle and lowers resting blood pressure."),
        ("rain-forest", "Tropical rainforests hold more than half of the world's plant and animal species on a small share of its land."),
        ("inflation", "When prices rise across the economy, each unit of currency buys fewer goods and services."),
        ("bread", "Knead the dough for ten minutes, let it rise until doubled, then bake the loaf at 220 degrees."),
        ("sleep", "Adults who rest fewer than six hours a night show slower reaction times and poorer memory."),
        ("volcano", "Molten rock forced up through the crust erupted from the mountain and buried the nearby village in ash."),
        ("vaccine", "Immunisation trains the body's defences to recognise a virus before a real infection happens."),
        ("photosynthesis", "Green plants turn sunlight, water and carbon dioxide into sugar, releasing oxygen as they do."),
        ("bankrupt", "The retailer could no longer pay its creditors and filed for insolvency in the spring."),
        ("teacher-strike", "Schools stayed shut for a week because the instructors walked out over pay and class sizes."),
        ("flood", "The river burst its banks after days of heavy rain and water filled the ground floors of the town."),
        ("lost-dog", "Our puppy ran away during the fireworks and a neighbour found him hiding under a parked van."),
        ("password", "Never reuse the same secret phrase for several accounts; a single breach then opens all of them."),
        ("moon-landing", "In July 1969 two astronauts walked on the lunar surface while a third orbited above them."),
        ("earthquake", "The ground shook violently for forty seconds, cracking walls and bringing down old chimneys."),
        ("diet", "Cutting back on sugary drinks and snacks helped him lose weight without feeling hungry."),
        ("wedding", "The couple exchanged rings in a small chapel and celebrated with their families by the lake."),
        ("job-interview", "She prepared answers about her past projects before meeting the hiring manager on Tuesday."),
        ("recycling", "Sort glass, paper and plastic into separate bins so that the materials can be reused."),
        ("headache", "A migraine often brings throbbing pain on one side of the head, nausea and sensitivity to light."),
        ("solar-panels", "Photovoltaic modules on the roof now cover most of the household's electricity needs."),
        ("library-fine", "Books returned after the due date cost a small charge for each day they are overdue."),
        ("train-delay", "Passengers waited on the platform for an hour because a signal failure held up every service."),
        ("climate", "Rising concentrations of greenhouse gases trap heat and are warming the planet's average temperature."),
        ("chess", "The grandmaster sacrificed her queen to force checkmate three moves later."),
        ("piano", "He practised scales on the keyboard every morning before his recital at the conservatory."),
        ("bees", "Honeybees carry pollen from flower to flower, which lets fruit trees and crops set seed."),
        ("tax-return", "Self-employed workers must declare their income to the revenue service by the end of January."),
        // Exact terms, names and numbers: what keyword search is good at.
        ("zeppelin", "The airship LZ 129 Hindenburg crossed the Atlantic on regular passenger flights in 1936."),
        ("kepler", "Johannes Kepler showed that planets move in ellipses, with the Sun at one focus."),
        ("curie", "Marie Curie was the first person to win Nobel Prizes in two different sciences."),
        ("lovelace", "Ada Lovelace wrote what is often called the first computer program, for Babbage's Analytical Engine."),
        ("tcp", "TCP retransmits a segment when no acknowledgement arrives before the retransmission timeout expires."),
        ("sqlite-wal", "In WAL mode SQLite appends changes to a write-ahead log, so readers do not block the writer."),
        ("rabbitmq-quorum", "RabbitMQ quorum queues replicate messages with the Raft protocol across the cluster's nodes."),
        ("pdfpig", "PdfPig reads the text of each page of a PDF file together with the position of every letter."),
        ("iso-8601", "ISO 8601 writes dates as year, month and day, such as 2024-03-15, so that they sort correctly."),
        ("boiling", "At sea level pure water boils at 100 degrees Celsius, but at the altitude of La Paz it boils near 88."),
        ("everest", "Mount Everest rises 8,849 metres above sea level on the border between Nepal and China."),
        ("pi", "The ratio of a circle's circumference to its diameter, pi, begins 3.14159 and never repeats."),
        ("http-404", "A server answers with status code 404 when the requested resource does not exist."),
        ("magna-carta", "King John sealed the Magna Carta at Runnymede in 1215, limiting the powers of the crown."),
        ("amazon-river", "The Amazon carries more water to the sea than the next seven largest rivers combined."),
        ("penicillin", "Alexander Fleming noticed in 1928 that a mould called Penicillium killed the bacteria around it."),
        ("rust", "Iron left in damp air slowly turns into flaky reddish oxide, weakening bridges and railings."),
        ("telescope", "Galileo pointed his spyglass at Jupiter and saw four small moons circling the planet."),
        ("coffee", "Caffeine blocks the brain's adenosine receptors, which is why an espresso makes people feel alert."),
        ("insomnia-app", "The Dormio app plays rain sounds and dims the screen to help users fall asleep faster."),
        ("bicycle", "Lower the saddle until your heel just touches the pedal at the bottom of the stroke."),
        ("compost", "Kitchen scraps and garden leaves decompose into dark, crumbly soil that feeds the vegetable beds."),
        ("marathon", "The runner finished the 42.195 kilometre race in two hours and nine minutes."),
        ("unemployment", "The jobless rate fell to 4.1 percent as factories hired more workers over the summer."),
        ("tides", "The pull of the Moon's gravity raises the oceans twice a day, producing high and low water."),
    ];

    public static readonly IReadOnlyList<LabelledQuery> Queries =
    [
        new("cat sleeping on a carpet", QueryKind.Paraphrase, "cat"),
        new("car brakes fixed by a garage", QueryKind.Paraphrase, "car-repair"),
        new("workouts that are good for the heart", QueryKind.Synonym, "heart"),
        new("jungle biodiversity", QueryKind.Synonym, "rain-forest"),
        new("why does money lose its value", QueryKind.Question, "inflation"),
        new("how to bake bread at home", QueryKind.Question, "bread"),
        new("effects of not getting enough sleep", QueryKind.Paraphrase, "sleep"),
        new("lava destroyed a town", QueryKind.Paraphrase, "volcano"),
        new("how do vaccines work", QueryKind.Question, "vaccine"),
        new("how plants make oxygen", QueryKind.Question, "photosynthesis"),
        new("store went bankrupt", QueryKind.Synonym, "bankrupt"),
        new("teachers on strike", QueryKind.Synonym, "teacher-strike"),
        new("town flooded after storms", QueryKind.Paraphrase, "flood"),
        new("missing dog found", QueryKind.Paraphrase, "lost-dog"),
        new("why you should not reuse passwords", QueryKind.Question, "password"),
        new("first people on the moon", QueryKind.Paraphrase, "moon-landing"),
        new("earthquake damage to buildings", QueryKind.Synonym, "earthquake"),
        new("losing weight by avoiding sweets", QueryKind.Paraphrase, "diet"),
        new("marriage ceremony", QueryKind.Synonym, "wedding"),
        new("getting ready for a job interview", QueryKind.Paraphrase, "job-interview"),
        new("how to separate waste for recycling", QueryKind.Question, "recycling"),
        new("symptoms of a migraine", QueryKind.ExactTerm, "headache"),
        new("solar energy at home", QueryKind.Synonym, "solar-panels"),
        new("penalty for late library books", QueryKind.Paraphrase, "library-fine"),
        new("why was my train late", QueryKind.Question, "train-delay"),
        new("global warming causes", QueryKind.Synonym, "climate"),
        new("queen sacrifice leading to mate", QueryKind.Paraphrase, "chess"),
        new("pianist practising before a concert", QueryKind.Paraphrase, "piano"),
        new("pollination by insects", QueryKind.Synonym, "bees"),
        new("deadline for freelancers to report earnings", QueryKind.Paraphrase, "tax-return"),
        new("Hindenburg", QueryKind.Name, "zeppelin"),
        new("LZ 129", QueryKind.Number, "zeppelin"),
        new("Kepler ellipses", QueryKind.Name, "kepler"),
        new("Marie Curie Nobel", QueryKind.Name, "curie"),
        new("Ada Lovelace", QueryKind.Name, "lovelace"),
        new("TCP retransmission timeout", QueryKind.ExactTerm, "tcp"),
        new("write-ahead log", QueryKind.ExactTerm, "sqlite-wal"),
        new("quorum queues Raft", QueryKind.ExactTerm, "rabbitmq-quorum"),
        new("PdfPig", QueryKind.Name, "pdfpig"),
        new("ISO 8601", QueryKind.Number, "iso-8601"),
        new("boiling point of water at altitude", QueryKind.Question, "boiling"),
        new("8,849 metres", QueryKind.Number, "everest"),
        new("how high is Mount Everest", QueryKind.Question, "everest"),
        new("3.14159", QueryKind.Number, "pi"),
        new("404", QueryKind.Number, "http-404"),
        new("1215 Runnymede", QueryKind.Number, "magna-carta"),
        new("which river carries the most water", QueryKind.Question, "amazon-river"),
        new("who discovered penicillin", QueryKind.Question, "penicillin"),
        new("corrosion of iron", QueryKind.Synonym, "rust"),
        new("moons of Jupiter", QueryKind.Name, "telescope"),
        new("why coffee keeps you awake", QueryKind.Question, "coffee"),
        new("Dormio", QueryKind.Name, "insomnia-app"),
        new("right saddle height for cycling", QueryKind.Paraphrase, "bicycle"),
        new("turning food waste into fertiliser", QueryKind.Paraphrase, "compost"),
        new("42.195", QueryKind.Number, "marathon"),
        new("jobless rate 4.1 percent", QueryKind.Number, "unemployment"),
        new("what causes high and low tide", QueryKind.Question, "tides"),
        new("sleep", QueryKind.ExactTerm, "sleep", "insomnia-app"),
    ];

    /// <summary>Passages that share the queries' words (or nearly their meaning) without answering them.</summary>
    public static readonly IReadOnlyList<string> HardNegatives =
    [
        "The carpet shop on the corner sells rugs, mats and a few toys for cats and dogs.",
        "Sleeping bags and camping mats are half price this weekend at the outdoor store.",
        "The garage door opener needs new batteries every two years.",
        "Heart-shaped biscuits are a favourite at the school bake sale.",
        "The money museum shows coins from the Roman empire to the present day.",
        "Home bakers can borrow bread tins and mixing bowls from the community kitchen.",
        "The town council discussed the new bus timetable for the summer.",
        "The moon festival is celebrated with lanterns and sweet pastries.",
        "The dog show takes place in the park on the first Sunday of May.",
        "The password for the guest wifi is printed on the back of the menu.",
        "The wedding photographer also offers portrait sessions in the studio.",
        "The interview with the author will be broadcast on Thursday evening.",
        "Waste collection moves to Wednesday during the holiday week.",
        "The train museum displays steam locomotives from the nineteenth century.",
        "The chess club meets in the library basement every Friday night.",
        "The piano was moved to the hall for the charity concert.",
        "The local honey is sold at the farmers' market on Saturdays.",
        "The tax office will be closed on Monday for a public holiday.",
        "The airship hangar is now used as a covered market.",
        "Water bottles are available free of charge at the front desk.",
        "The Amazon delivery van parked across the driveway again.",
        "The coffee machine on the third floor is out of order.",
        "The bicycle racks near the station are full by eight in the morning.",
        "The marathon route closes several streets in the city centre on Sunday.",
        "Jupiter is the name of the new cinema that opened downtown.",
        "Mount Pleasant primary school will host the regional spelling contest.",
        "The queen's portrait hangs in the entrance hall of the town museum.",
        "Rust-coloured paint was chosen for the new fence around the playground.",
        "The bees' nest under the roof was removed by a specialist.",
        "The 404 bus now stops at the hospital entrance.",
        // Near misses: the same subject as a target, another fact.
        "The dog slept on the sofa all morning while the children were at school.",
        "Our cat went missing for three days and came home thin but healthy.",
        "The bicycle shop adjusted the gears and replaced a flat tyre.",
        "Stretching before a run does little to prevent muscle injuries.",
        "Deserts cover about a third of the land and support few plant species.",
        "The central bank raised interest rates to slow down lending.",
        "Pasta dough needs only flour and eggs and can be rolled thin by hand.",
        "Antibiotics kill bacteria but have no effect on viruses such as the common cold.",
        "Fungi cannot make their own food and absorb nutrients from decaying matter.",
        "The company merged with a rival to cut costs and expand abroad.",
        "Nurses protested outside the hospital for better working conditions.",
        "A drought dried up the reservoir and farmers lost their harvest.",
        "The space station circles the Earth about every ninety minutes.",
        "The couple divorced after ten years together and sold the house.",
        "Wind turbines on the hill supply power to two nearby villages.",
        "The new high-speed line cuts the journey to the capital to ninety minutes.",
        "The violinist tuned her instrument backstage before the performance.",
        "Wasps build paper nests and can sting more than once.",
        "Companies must file their annual accounts within nine months of the year end.",
        "Isaac Newton explained the motion of the planets with his law of universal gravitation.",
        "Green tea has less caffeine than a cup of coffee but more antioxidants.",
        "Check the tyre pressure before a long ride and oil the chain regularly.",
        "The sprinter won the 100 metres final in under ten seconds.",
        "Strong winds drive waves onto the shore during a winter storm.",
        "Her cough and fever lasted a week before the flu finally passed.",
    ];

    /// <summary>Everyday filler, generated: no query is about any of it.</summary>
    public static IReadOnlyList<string> Filler()
    {
        string[] subjects =
        [
            "The municipal swimming pool", "The river ferry service", "The school board", "The bakery on Main Street", "The regional hospital",
            "The football club", "The city observatory", "The printing works", "The harbour authority", "The youth orchestra",
            "The botanical garden", "The chamber of commerce", "The fire brigade", "The open-air theatre", "The tram company",
        ];
        string[] templates =
        [
            "{0} announced new opening hours for the winter season.",
            "{0} published its annual report with a short summary of expenses.",
            "{0} hired three new members of staff in March.",
            "{0} was closed for two days because of maintenance work.",
            "{0} received a generous donation from a local family.",
            "{0} changed its logo after a public vote.",
            "{0} held a meeting to discuss parking near its entrance.",
            "{0} moved its offices to a larger building near the station.",
        ];
        return subjects.SelectMany(s => templates.Select(t => string.Format(System.Globalization.CultureInfo.InvariantCulture, t, s))).ToList();
    }
}
