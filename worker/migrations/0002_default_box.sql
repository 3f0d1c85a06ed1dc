-- The default fact box, built from ../shared/source (the NPR story and FACTS.md).
-- Revision 1 of north-korea-defections; later edits go through the authoring API as new revisions.
INSERT INTO revisions (slug, revision, state, body, title, author, created_at) VALUES (
  'north-korea-defections', 1, 'live',
'{
  "slug": "north-korea-defections",
  "lang": "en",
  "title": "What does a defection mean?",
  "summary": "In 2016 North Korean diplomats and other officials posted abroad appeared to be leaving their posts more often. Almost everything known about these cases comes from South Korea, which decides what to announce and when. Analysts read the same cases as a regime under strain, as the bite of economic pressure, as political messaging by Seoul, or as personal choices; the story that this box is built on concludes that several of these can be true at once.",
  "figures": [
    {
      "id": "arrivals",
      "label": "North Koreans who renounce their citizenship and end up in South Korea each year",
      "value": 1400,
      "qualifier": "about",
      "unit": "people a year",
      "asOf": "2016-08",
      "sourceIds": [
        "npr"
      ],
      "note": "The yearly rate under Kim Jong Un, who took power in 2011. Analysts pay less attention to these \"general population\" defections than to officials who defect while working abroad."
    },
    {
      "id": "diplomatic-defections",
      "label": "Defections from North Korea''s diplomatic posts abroad in 2016",
      "range": {
        "low": 3,
        "high": 7
      },
      "estimates": [
        {
          "value": 3,
          "by": "More conservative estimates; Michael Madden knows of three who have vacated their posts",
          "sourceId": "npr"
        },
        {
          "value": 7,
          "by": "Joongang Daily, citing anonymous sources in South Korean intelligence",
          "sourceId": "npr"
        }
      ],
      "unit": "defections",
      "asOf": "2016-08",
      "sourceIds": [
        "npr"
      ],
      "note": "Contested. Of Madden''s three, only Thae Yong Ho is named; it has never been clear where the other two went."
    },
    {
      "id": "restaurant-workers",
      "label": "North Korean restaurant workers who defected together from their post in China in April 2016",
      "value": 12,
      "qualifier": "more-than",
      "unit": "workers",
      "asOf": "2016-04",
      "sourceIds": [
        "npr"
      ],
      "note": "The story says \"more than a dozen\". South Korea announced the mass defection just as a new round of sanctions took effect."
    }
  ],
  "views": [
    {
      "id": "jeong",
      "name": "Jeong Joon-hee",
      "role": "Spokesman",
      "affiliation": "South Korea''s Unification Ministry",
      "headline": "A regime under strain",
      "summary": "Seoul''s official reading: the series of senior defections comes from Kim tightening his hold on power and from rising insecurity inside the regime, and the North may turn to more provocations as it tries to stop further defections.",
      "quote": "the result of Kim moving to consolidate his power and growing internal insecurity",
      "sourceIds": [
        "npr"
      ]
    },
    {
      "id": "haggard",
      "name": "Stephan Haggard",
      "role": "North Korea researcher",
      "affiliation": "University of California, San Diego",
      "headline": "An economic squeeze",
      "summary": "International pressure is making the regime''s ways of earning hard currency abroad, from illicit trade to exported labour, harder to keep up, and that may have contributed to some defections. He sees the North as more exposed to an economic crisis than to a political one.",
      "quote": "In the absence of trade, North Korea exports labor. But now that''s getting squeezed because of the international pressure on the importers of [North Korean] labor",
      "sourceIds": [
        "npr"
      ]
    },
    {
      "id": "yang",
      "name": "Yang Moojin",
      "role": "Professor",
      "affiliation": "University of North Korean Studies, Seoul",
      "headline": "Seoul sets the narrative",
      "summary": "South Korea''s government plays defections up or down depending on how relations with the North stand. In the past it has kept even prominent cases quiet to avoid friction; in a tense year it is publicising more of them.",
      "quote": "Peculiarly, this year the [South Korean] government has been publicizing defections more frequently",
      "sourceIds": [
        "npr"
      ]
    },
    {
      "id": "madden",
      "name": "Michael Madden",
      "role": "Visiting scholar",
      "affiliation": "U.S.-Korea Institute; North Korea Leadership Watch",
      "headline": "The magnifying-glass problem",
      "summary": "So little is known about North Korea that every departure looks significant, yet people also defect for personal reasons that have nothing to do with politics. Thae belonged to the outer elite; a defection from Kim''s inner circle would be the real warning sign.",
      "quote": "Thae Yong Ho was a member of the outer elite and not the in-crowd. Get a member of the in-crowd [defecting] and then it''s time to worry",
      "sourceIds": [
        "npr"
      ]
    }
  ],
  "timeline": [
    {
      "date": "2011",
      "text": "Kim Jong Un takes power after the death of his father, Kim Jong Il.",
      "sourceIds": [
        "npr"
      ]
    },
    {
      "date": "2015",
      "text": "In the autumn, a colonel from North Korea''s spy agency defects. South Korea announces it only months later, days before a legislative election in which the ruling party faced possible losses.",
      "sourceIds": [
        "npr"
      ]
    },
    {
      "date": "2016-04",
      "text": "South Korea announces that more than a dozen North Korean restaurant workers have defected together from their post in China, as new sanctions take effect.",
      "sourceIds": [
        "npr"
      ]
    },
    {
      "date": "2016-08",
      "text": "South Korea confirms the defection of Thae Yong Ho, deputy ambassador at North Korea''s embassy in London, who flew to Seoul with his family.",
      "sourceIds": [
        "npr"
      ]
    }
  ],
  "watch": "Whether an actual North Korean ambassador, or one of the officials pictured beside Kim Jong Un, disappears from a post. Both Michael Madden and Yang Moojin say that is what would make them watch much more closely; a departure from the outer elite does not.",
  "about": "Built from one source: the NPR story \"What Does It Mean When A North Korean Diplomat Defects?\" by Elise Hu, with Haeryun Kang, as republished by KALW 91.7 FM (August 2016). Figures are as of the story''s date; quotes are verbatim from it; summaries are in our own words. The four analysts are given equal weight. Last checked against the source on 2026-11-27.",
  "feedback": "mailto:corrections@factbox.example",
  "sources": [
    {
      "id": "npr",
      "title": "What Does It Mean When A North Korean Diplomat Defects?",
      "publisher": "NPR, republished by KALW 91.7 FM",
      "author": "Elise Hu; Haeryun Kang contributed",
      "published": "2016-08"
    }
  ],
  "corrections": [
    {
      "date": "2016-08-28",
      "text": "The source story first misstated the year of Kim Jong Il''s death. He died in 2011, not 2012."
    }
  ],
  "revision": 1,
  "updatedAt": "2026-11-27T00:00:00.000Z"
}',
  'What does a defection mean?', 'seed', '2026-11-27T00:00:00.000Z'
);
