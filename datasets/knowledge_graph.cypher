// =============================================================================
// Tangle seed knowledge graph: the Nvidia H100s that Elon Musk had diverted
// from Tesla to X (formerly Twitter) and xAI, and everything around them.
//
// Built by hand from the five articles in shared/seeds/ (read in full):
//   seed-000  000_dcd95f4c562e7477.txt  Arabic     translation of the CNBC report (June 2024)
//   seed-001  001_4a4a264d339dc857.txt  Arabic     short rewrite of the same CNBC report
//   seed-002  002_e3c1fe6d4dd25605.txt  Arabic     translated report on Musk and Jensen Huang (March 2024)
//   seed-003  003_b2c5182f80e87c09.txt  Indonesian translation of a blog post quoting CNBC
//   seed-004  004_778e412dc43dba75.txt  Japanese   translation of the same blog post (5 June 2024)
//
// Model (full description in datasets/SCHEMA.md):
//   * Entities: Person, Firm, Chip, System, Product, Place. Each has a
//     canonical English `name`, `aliases` (every spelling the seeds use, copied
//     exactly, in every script) and `sources` (the seeds that name it).
//   * Document: the seeds themselves plus every memo, email, post, call,
//     filing and report the seeds cite. Seeds have id 'seed-000' ... 'seed-004'.
//   * Event: facts with many parts (chip redirections, a funding round,
//     staff moves, conferences). Metric: market figures (share moves, market
//     capitalisation, revenue). Claim: something a person or firm asserted.
//   * Every fact relationship, Claim, Event and Metric has `sources`, a list
//     of seed ids. `detail_sources` (when present) is the subset of `sources`
//     that states the numbers/dates on it. `via` names the id of the primary
//     Document (email, call, filing) the seeds attribute the fact to.
//   * Disagreements between seeds are kept side by side: each version is its
//     own relationship/Claim/Metric with its own `sources`, all versions share
//     the same `fact` key and say how they differ in `variant`.
//   * Amounts: `*_usd` integers; chip counts: `units` integers; stakes and
//     percentages: floats in [0,1] (`stake`, Metric.value); full dates: date();
//     partial dates: `year` / `month` integers. `time_note` explains any date
//     resolved from relative wording ("last August", "in December").
//
// Statements below only CREATE (nodes first, then MATCH ... CREATE for the
// relationships). Names are unique per label; Documents and Claims are
// matched by `id`.
// =============================================================================


// -----------------------------------------------------------------------------
// 1. Documents: the five seed articles
// -----------------------------------------------------------------------------
CREATE
  (:Document {id: 'seed-000', seed: true, kind: 'article', language: 'ar',
              file: '000_dcd95f4c562e7477.txt', outlet: 'CNBC', translated: true,
              name: 'seed-000: Arabic CNBC report on Nvidia chips diverted from Tesla to X',
              description: 'Full Arabic translation of the CNBC report built on internal Nvidia emails; no title or date in the text',
              sources: ['seed-000']}),
  (:Document {id: 'seed-001', seed: true, kind: 'article', language: 'ar',
              file: '001_4a4a264d339dc857.txt', translated: true,
              name: 'seed-001: Arabic summary of the CNBC report, with Musk\'s post embedded',
              description: 'Short Arabic rewrite of the CNBC report; embeds Musk\'s 28 April 2024 post in English; no title or date',
              sources: ['seed-001']}),
  (:Document {id: 'seed-002', seed: true, kind: 'article', language: 'ar',
              file: '002_e3c1fe6d4dd25605.txt', translated: true,
              name: 'seed-002: Arabic report on the ties between Musk and Nvidia\'s Jensen Huang',
              description: 'Arabic translation of a report written during Nvidia GTC week (March 2024); outlet and date not stated',
              sources: ['seed-002']}),
  (:Document {id: 'seed-003', seed: true, kind: 'article', language: 'id',
              file: '003_b2c5182f80e87c09.txt', translated: true,
              title: 'Elon Musk Menyakiti Tesla Untuk Membantu Twitter dan xAI',
              name: 'seed-003: Indonesian post "Elon Musk hurts Tesla to help Twitter and xAI"',
              description: 'Indonesian translation of a blog post that quotes the CNBC report at length; no date',
              sources: ['seed-003']}),
  (:Document {id: 'seed-004', seed: true, kind: 'article', language: 'ja',
              file: '004_778e412dc43dba75.txt', translated: true,
              title: 'イーロン・マスクはツイッターとxAIを助けるためにテスラを傷つけている',
              subtitle: '複数の企業を経営するこのCEOは、自動車メーカーよりも他の事業を優先している。',
              published: date('2024-06-05'), year: 2024, month: 6,
              name: 'seed-004: Japanese post "Elon Musk is hurting Tesla to help Twitter and xAI"',
              description: 'Japanese translation of the same blog post as seed-003, dated Jun 05 2024',
              sources: ['seed-004']});


// -----------------------------------------------------------------------------
// 2. Documents cited by the seeds (not in the corpus themselves)
// -----------------------------------------------------------------------------

// 2a. The reports the seeds are copies of
CREATE
  (:Document {id: 'cnbc-report-2024-06', seed: false, kind: 'article', outlet: 'CNBC',
              name: 'CNBC report on the Nvidia emails (June 2024)',
              year: 2024, month: 6,
              time_note: 'month inferred: seed-004 (5 June 2024) cites it and seed-001 calls the 26 May funding round "last month"',
              description: 'CNBC report, built on Nvidia emails CNBC obtained/read, that Musk had Nvidia ship H100s reserved for Tesla to X',
              sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}),
  (:Document {id: 'blog-post-hurting-tesla', seed: false, kind: 'article',
              name: 'Blog post "Elon Musk is hurting Tesla to help Twitter and xAI"',
              description: 'The post that seed-003 and seed-004 both translate (same title, same text); it quotes CNBC; outlet not named',
              sources: ['seed-003', 'seed-004']}),
  (:Document {id: 'the-information-report', seed: false, kind: 'article',
              name: 'The Information report on xAI data-centre ambitions',
              description: 'Earlier report with some details of xAI\'s data-centre plans',
              sources: ['seed-000']});

// 2b. Nvidia's internal documents
CREATE
  (:Document {id: 'nvidia-memo-2023-12', seed: false, kind: 'memo',
              name: 'Nvidia December memo',
              aliases: ['مذكرة Nvidia من ديسمبر', 'مذكرة من إنفيديا من ديسمبر', 'memo Nvidia dari bulan Desember', 'Nvidiaの12月のメモ'],
              year: 2023, month: 12,
              time_note: 'stated as "December" in June 2024 reports; it schedules orders for the following January and June',
              description: 'Internal Nvidia memo: Elon prioritises the X H100 GPU cluster, redirecting 12k shipped H100s from Tesla to X; X\'s 12k H100 orders go to Tesla in exchange',
              sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}),
  (:Document {id: 'nvidia-email-2024-02', seed: false, kind: 'email',
              name: 'Nvidia February email',
              aliases: ['نفيديا البريد الإلكتروني من فبراير'],
              year: 2024, month: 2,
              time_note: 'stated as "from February" in a June 2024 report',
              description: 'Internal Nvidia email: xAI wants "the world\'s largest GPU cluster" in North Dakota, Musk\'s "mandate" of all 100,000 chips for xAI by end of 2024, Grok\'s LLM relied on Amazon and Oracle cloud with extra X data-centre capacity',
              sources: ['seed-000']}),
  (:Document {id: 'nvidia-email-2024-04', seed: false, kind: 'email',
              name: 'Nvidia late-April email',
              aliases: ['رسالة بريد إلكتروني أحدث من Nvidia', 'رسائل متابعة', 'Email Nvidia yang lebih baru', '4月下旬に届いたエヌビディアのメール'],
              year: 2024, month: 4, period: 'late April',
              description: 'Newer Nvidia email: Musk\'s Q1-call comment "conflicts with bookings", his April ~$10B post "also conflicts with bookings and FY 2025 forecasts"; Tesla layoffs may further delay the "H100 project" at the Texas Gigafactory',
              sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']});

// 2c. Earnings calls, press releases, filings, surveys, talks
CREATE
  (:Document {id: 'tesla-q1-2024-call', seed: false, kind: 'earnings call',
              name: 'Tesla Q1 2024 earnings call',
              year: 2024, month: 4,
              time_note: 'seed-000: "Q1 earnings call in April"; seed-001: "earlier this year"; seed-003/004: April earnings report',
              sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}),
  (:Document {id: 'tesla-q4-2023-call', seed: false, kind: 'earnings call',
              name: 'Tesla Q4 2023 earnings call',
              year: 2024, month: 1,
              time_note: 'stated as "Q4 earnings call in January" in a March 2024 report',
              description: 'An analyst asked about Dojo and whether Tesla had enough Nvidia GPUs',
              sources: ['seed-002']}),
  (:Document {id: 'nvidia-2024-02-call', seed: false, kind: 'earnings call',
              name: 'Nvidia February 2024 earnings call',
              year: 2024, month: 2, sources: ['seed-000']}),
  (:Document {id: 'nvidia-2024-05-call', seed: false, kind: 'earnings call',
              name: 'Nvidia May 2024 earnings call',
              year: 2024, month: 5, sources: ['seed-000', 'seed-001']}),
  (:Document {id: 'oracle-2023-12-call', seed: false, kind: 'earnings call',
              name: 'Oracle December 2023 earnings call',
              year: 2023, month: 12,
              time_note: 'stated as "in December" in a March 2024 report',
              sources: ['seed-002']}),
  (:Document {id: 'nvidia-blackwell-press-release', seed: false, kind: 'press release',
              name: 'Nvidia press release launching Blackwell',
              year: 2024, month: 3, weekday: 'Monday',
              time_note: 'seed-002 says "Monday" of GTC week; seed-000 dates GTC 2024 to 19 March 2024',
              sources: ['seed-002']}),
  (:Document {id: 'tesla-proxy-filing', seed: false, kind: 'filing',
              name: 'Tesla latest proxy filing',
              description: 'Shows Musk owning 20.5% of Tesla\'s outstanding shares, options from the 2018 pay package included',
              sources: ['seed-000']}),
  (:Document {id: 'axios-harris-poll-100', seed: false, kind: 'survey',
              name: 'Axios Harris Poll 100',
              aliases: ['Axios Harris Poll 100', 'アクシオスのハリス・ポール100調査'],
              description: 'Reputation survey: Tesla\'s reputation slipped in the US',
              sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Document {id: 'nvidia-all-hands-2023-11', seed: false, kind: 'meeting',
              name: 'Nvidia all-hands meeting (November 2023)',
              year: 2023, month: 11,
              description: 'Huang was asked whether Nvidia would follow Apple and Disney in pausing ads on X',
              sources: ['seed-002']}),
  (:Document {id: 'huang-dealbook-talk', seed: false, kind: 'talk',
              name: 'Jensen Huang at the New York Times DealBook Summit',
              aliases: ['قمة DealBook'],
              time_note: 'seed-002: "a few months" after Musk\'s June 2023 monopoly post',
              sources: ['seed-002']}),
  (:Document {id: 'babuschkin-gtc-2024-talk', seed: false, kind: 'talk',
              name: 'Igor Babuschkin\'s overview at GTC 2024',
              year: 2024, month: 3, sources: ['seed-002']}),
  (:Document {id: 'tesla-ai-day-2021', seed: false, kind: 'presentation',
              name: 'Tesla AI Day presentation (August 2021)',
              year: 2021, month: 8, sources: ['seed-002']});

// 2d. Posts on X (and one post by Tim Zaman)
CREATE
  (:Document {id: 'musk-x-post-2024-04-28', seed: false, kind: 'post',
              name: 'Musk post on X, 28 April 2024: ~$10B on AI',
              text_en: 'Tesla will spend around $10B this year in combined training and inference AI, the latter being primarily in car.',
              date: date('2024-04-28'), year: 2024, month: 4,
              time_note: 'date from the embedded post in seed-001; seed-000/003/004 say "a few days" after the Q1 call',
              sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}),
  (:Document {id: 'musk-x-post-2023-11-xai', seed: false, kind: 'post',
              name: 'Musk post on X, November 2023: X Corp investors and xAI',
              year: 2023, month: 11,
              time_note: 'stated as "in November" in a June 2024 report',
              sources: ['seed-000']}),
  (:Document {id: 'musk-x-post-2024-01-control', seed: false, kind: 'post',
              name: 'Musk post on X, January 2024: ~25% voting control',
              year: 2024, month: 1,
              time_note: 'stated as "in January" in a June 2024 report',
              sources: ['seed-000']}),
  (:Document {id: 'musk-x-post-2024-01-ai-company', seed: false, kind: 'post',
              name: 'Musk post on X, January 2024: Tesla is an AI/robotics company',
              year: 2024, month: 1,
              time_note: 'stated as "in January" in a March 2024 report',
              sources: ['seed-002']}),
  (:Document {id: 'musk-x-post-2024-01-dojo', seed: false, kind: 'post',
              name: 'Musk post on X, January 2024: Dojo and Nvidia spending',
              year: 2024, month: 1,
              time_note: 'stated as "in January" in a March 2024 report',
              sources: ['seed-002']}),
  (:Document {id: 'musk-x-post-2023-06-monopoly', seed: false, kind: 'post',
              name: 'Musk post on X, June 2023: Nvidia monopoly',
              year: 2023, month: 6,
              time_note: 'stated as "last June" in a March 2024 report',
              sources: ['seed-002']}),
  (:Document {id: 'musk-x-post-2023-11-endorsement', seed: false, kind: 'post',
              name: 'Musk post on X, November 2023: agreeing with a post on "Jewish communities"',
              year: 2023, month: 11, sources: ['seed-002']}),
  (:Document {id: 'zaman-x-post-2023-08', seed: false, kind: 'post',
              name: 'Tim Zaman post on X, August 2023: Tesla AI cluster going live',
              year: 2023, month: 8,
              time_note: 'stated as "last August" in a March 2024 report',
              sources: ['seed-002']});

// 2e. Related-content headlines printed inside seed-004 (links, not the story)
CREATE
  (:Document {id: 'headline-ad-too-political', seed: false, kind: 'related headline',
              name: 'Related headline: ad criticising Tesla reported "too political" for Twitter',
              title: 'テスラを批判する広告はツイッターには「政治的すぎる」と報道',
              sources: ['seed-004']}),
  (:Document {id: 'headline-uaw-verification', seed: false, kind: 'related headline',
              name: 'Related headline: Musk temporarily removed UAW\'s Twitter verification after strike',
              title: 'テスラのCEOイーロン・マスク、ストライキ後にUAWのTwitter認証を一時的に削除',
              sources: ['seed-004']}),
  (:Document {id: 'headline-cybertruck', seed: false, kind: 'related headline',
              name: 'Related headline: Tesla\'s Cybertruck finally arrives',
              title: 'テスラのサイバートラックがついに登場',
              sources: ['seed-004']});


// -----------------------------------------------------------------------------
// 3. People
// -----------------------------------------------------------------------------
CREATE
  (:Person {name: 'Elon Musk', role: 'CEO of Tesla and SpaceX, owner of X, founder of xAI',
            aliases: ['Elon Musk', 'Musk', 'Elon', '@elonmusk', 'إيلون ماسك', 'ماسك', 'إيلون', 'السيد ماسك', 'المسك',
                      'イーロン・マスク', 'マスク', 'マスク氏', 'イーロン'],
            sources: ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004']}),
  (:Person {name: 'Jensen Huang', role: 'co-founder and CEO of Nvidia',
            aliases: ['Jensen Huang', 'Huang', 'جينسين هوانغ', 'جنسن هوانغ', 'هوانغ'],
            sources: ['seed-000', 'seed-001', 'seed-002']}),
  (:Person {name: 'Larry Ellison', role: 'founder and chairman of Oracle; Musk\'s close friend, former Tesla director, X investor',
            aliases: ['لاري إليسون', 'إليسون'],
            sources: ['seed-002']}),
  (:Person {name: 'Sam Altman', role: 'CEO of OpenAI',
            aliases: ['Sam Altman'], sources: ['seed-002']}),
  (:Person {name: 'Ethan Knight', role: 'machine-learning scientist, moved from Tesla to xAI',
            aliases: ['إيثان نايت'], sources: ['seed-000']}),
  (:Person {name: 'Tim Zaman', role: 'former Tesla AI engineer',
            aliases: ['تيم زمان'], sources: ['seed-002']}),
  (:Person {name: 'Christian Szegedy', role: 'xAI co-founder and research scientist, formerly at Google',
            aliases: ['كريستيان سيجيدي'], sources: ['seed-002']}),
  (:Person {name: 'Igor Babuschkin', role: 'xAI co-founder and research engineer, OpenAI and Google veteran',
            aliases: ['إيجور بابوشكين'], sources: ['seed-002']}),
  (:Person {name: 'Bojan Tunguz', role: 'data scientist at Nvidia',
            aliases: ['بويان تونغوز'], sources: ['seed-002']}),
  (:Person {name: 'Joel Fleming', role: 'securities attorney at Equity Litigation Group',
            aliases: ['جويل فليمنج', 'فليمنج'], sources: ['seed-000']}),
  (:Person {name: 'Ross Gerber', role: 'Tesla investor at Gerber Kawasaki',
            aliases: ['روس جربر'], sources: ['seed-000']}),
  (:Person {name: 'Leo KoGuan', role: 'Tesla\'s largest retail shareholder',
            aliases: ['ليو كوجوان'], sources: ['seed-000']}),
  (:Person {name: 'Ashton Kutcher', role: 'celebrity attendee of GTC 2024',
            aliases: ['أشتون كوتشر'], sources: ['seed-002']}),
  (:Person {name: 'Kendrick Lamar', role: 'celebrity attendee of GTC 2024',
            aliases: ['كيندريك لامار'], sources: ['seed-002']}),
  (:Person {name: 'David Swanson', role: 'photographer (Reuters)',
            aliases: ['ديفيد سوانسون'], sources: ['seed-000']}),
  (:Person {name: 'David Paul Morris', role: 'photographer (Bloomberg, Getty Images)',
            aliases: ['ديفيد بول موريس'], sources: ['seed-000', 'seed-002']}),
  (:Person {name: 'Anonymous former Tesla supply-chain analyst', anonymous: true,
            role: 'former Tesla supply-chain analyst who spoke to CNBC on condition of anonymity',
            aliases: ['محلل سابق لسلسلة التوريد في شركة Tesla'], sources: ['seed-000']});


// -----------------------------------------------------------------------------
// 4. Firms and other organisations (news outlets, a court, an investor group)
// -----------------------------------------------------------------------------

// 4a. Musk's companies
CREATE
  (:Firm {name: 'Tesla', kind: 'automaker',
          description: 'Electric-vehicle maker that Musk says is an AI and robotics company',
          aliases: ['Tesla', 'تسلا', 'تيسلا', 'テスラ', 'テスラ社'],
          sources: ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004']}),
  (:Firm {name: 'X', kind: 'social network', former_name: 'Twitter',
          description: 'Privately held social network formerly called Twitter, bought by Musk in late 2022',
          aliases: ['X', 'X Corp', 'Twitter', 'تويتر', 'X社', 'ツイッター'],
          sources: ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004']}),
  (:Firm {name: 'xAI', kind: 'AI startup',
          description: 'Musk\'s generative-AI startup, maker of the Grok chatbot',
          aliases: ['xAI', 'XAI'],
          sources: ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004']}),
  (:Firm {name: 'SpaceX', kind: 'space company',
          aliases: ['SpaceX', 'スペースX'], sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Firm {name: 'Neuralink', kind: 'brain-computer interface startup',
          aliases: ['Neuralink', 'ニューラリンク'], sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Firm {name: 'The Boring Company', kind: 'tunnelling venture',
          aliases: ['The Boring Co.', 'The Boring Company', 'ボーリング・カンパニー'],
          sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Firm {name: 'SolarCity', kind: 'solar company',
          description: 'Acquired by Tesla in 2016 while Musk was its chairman and a major shareholder',
          aliases: ['SolarCity'], sources: ['seed-000']}),
  (:Firm {name: 'X Corp investors', kind: 'investor group',
          description: 'The investors in X Corp, who Musk said will own 25% of xAI',
          aliases: ['مستثمرو X Corp'], sources: ['seed-000']});

// 4b. Chips, cloud and AI companies
CREATE
  (:Firm {name: 'Nvidia', kind: 'chipmaker',
          description: 'Maker of the H100 and Blackwell AI chips; third-largest company in the world by June 2024',
          aliases: ['Nvidia', 'NVIDIA', 'Nvidia Corp', 'نفيديا', 'إنفيديا', 'エヌビディア'],
          sources: ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004']}),
  (:Firm {name: 'OpenAI', kind: 'AI company',
          aliases: ['OpenAI', 'Open AI'],
          sources: ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004']}),
  (:Firm {name: 'Oracle', kind: 'cloud and software company',
          aliases: ['Oracle', 'Oracle Corp', 'وحي'], sources: ['seed-000', 'seed-002']}),
  (:Firm {name: 'Google', kind: 'technology company',
          aliases: ['Google', 'جوجل'],
          sources: ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004']}),
  (:Firm {name: 'Amazon', kind: 'technology company',
          aliases: ['Amazon', 'أمازون'], sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Firm {name: 'Meta', kind: 'technology company',
          aliases: ['Meta', 'ميتا'], sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Firm {name: 'Microsoft', kind: 'technology company',
          aliases: ['Microsoft', 'مايكروسوفت', 'مايكروسوفتو'], sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Firm {name: 'Anthropic', kind: 'AI company',
          aliases: ['Anthropic'], sources: ['seed-000']}),
  (:Firm {name: 'Intel', kind: 'chipmaker',
          aliases: ['Intel'], sources: ['seed-002']}),
  (:Firm {name: 'Apple', kind: 'technology company',
          aliases: ['تفاحة', 'أبل'], sources: ['seed-002']}),
  (:Firm {name: 'Disney', kind: 'media company',
          aliases: ['ديزني'], sources: ['seed-002']});

// 4c. Investors, lawyers, unions, courts
CREATE
  (:Firm {name: 'Gerber Kawasaki', kind: 'investment firm',
          aliases: ['جربر كاواساكي'], sources: ['seed-000']}),
  (:Firm {name: 'Equity Litigation Group', kind: 'law firm',
          aliases: ['Equity Litigation Group'], sources: ['seed-000']}),
  (:Firm {name: 'UAW', kind: 'labor union',
          aliases: ['UAW'], sources: ['seed-004']}),
  (:Firm {name: 'Delaware court', kind: 'court',
          description: 'The court that ordered Musk\'s 2018 Tesla pay package rescinded',
          aliases: ['محكمة في ولاية ديلاوير'], sources: ['seed-000']});

// 4d. News outlets, photo agencies, pollsters
CREATE
  (:Firm {name: 'CNBC', kind: 'news outlet',
          aliases: ['CNBC'], sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}),
  (:Firm {name: 'Reuters', kind: 'news agency',
          aliases: ['رويترز'], sources: ['seed-000', 'seed-002']}),
  (:Firm {name: 'Bloomberg', kind: 'news agency',
          aliases: ['بلومبرج'], sources: ['seed-000', 'seed-002']}),
  (:Firm {name: 'Getty Images', kind: 'photo agency',
          aliases: ['صور جيتي'], sources: ['seed-000', 'seed-002']}),
  (:Firm {name: 'The Information', kind: 'news outlet',
          aliases: ['المعلومات'], sources: ['seed-000']}),
  (:Firm {name: 'The New York Times', kind: 'news outlet',
          aliases: ['نيويورك تايمز', 'صحيفة نيويورك تايمز'], sources: ['seed-002']}),
  (:Firm {name: 'Axios', kind: 'news outlet',
          aliases: ['Axios', 'アクシオス'], sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Firm {name: 'The Harris Poll', kind: 'pollster',
          aliases: ['Harris Poll', 'ハリス・ポール'], sources: ['seed-000', 'seed-003', 'seed-004']});


// -----------------------------------------------------------------------------
// 5. Chips, systems (clusters, supercomputers, AI models, software), products
// -----------------------------------------------------------------------------
CREATE
  (:Chip {name: 'H100', kind: 'AI GPU',
          description: 'Nvidia\'s flagship AI chip',
          aliases: ['H100', 'Nvidia H100', 'GPU H100', 'H100 GPU'],
          sources: ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004']}),
  (:Chip {name: 'Blackwell', kind: 'AI GPU platform',
          description: 'Nvidia\'s next-generation AI chip platform, launched at GTC 2024',
          aliases: ['Blackwell', 'Blackwell AI', 'منصة Blackwell'],
          sources: ['seed-000', 'seed-002']}),
  (:Chip {name: 'Nvidia GPU', kind: 'GPU (unspecified model)',
          description: 'Nvidia graphics processing units in general, where the seeds do not name a model',
          aliases: ['GPU', 'GPUs', 'وحدات معالجة الرسومات', 'وحدات معالجة الرسوميات', 'unit pemrosesan grafis', 'グラフィックス処理装置'],
          sources: ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004']});

CREATE
  (:System {name: 'DGX', kind: 'AI supercomputer',
            description: 'Nvidia\'s first AI supercomputer; Huang says he delivered the first one to Musk for OpenAI',
            aliases: ['DGX'], sources: ['seed-002']}),
  (:System {name: 'Dojo', kind: 'supercomputer',
            description: 'Tesla\'s in-house AI training supercomputer, planned for Buffalo, New York',
            aliases: ['Dojo', 'دوجو'], sources: ['seed-000', 'seed-002']}),
  (:System {name: 'Grok', kind: 'AI chatbot / large language model',
            description: 'xAI\'s chatbot, first called Truth GPT, pitched as a "rebellious" rival to ChatGPT',
            aliases: ['Grok', 'Truth GPT'], sources: ['seed-000', 'seed-002', 'seed-003', 'seed-004']}),
  (:System {name: 'ChatGPT', kind: 'AI chatbot',
            aliases: ['ChatGPT'], sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:System {name: 'Autopilot', kind: 'driver-assistance software',
            aliases: ['Autopilot', 'الطيار الآلي'], sources: ['seed-000']}),
  (:System {name: 'X H100 GPU cluster', kind: 'GPU cluster',
            description: 'The H100 cluster at X that Musk prioritised over Tesla (Nvidia December memo)',
            aliases: ['X H100', 'مجموعة وحدات معالجة الرسومات X H100', 'مجموعة GPU H100', 'cluster GPU X H100', 'X H100 GPUクラスター'],
            sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}),
  (:System {name: 'Tesla AI cluster', kind: 'GPU cluster',
            description: 'Tesla cluster built with 10,000 Nvidia H100s, announced as going live in August 2023',
            aliases: ['Tesla AI', 'مجموعة Tesla AI'], sources: ['seed-002']}),
  (:System {name: 'xAI North Dakota GPU cluster', kind: 'GPU cluster',
            description: '"The world\'s largest GPU cluster" xAI wants in North Dakota, some capacity online in June (2024)',
            aliases: ['أكبر مجموعة GPU في العالم'], sources: ['seed-000']}),
  (:System {name: 'Tesla Austin supercomputer cluster', kind: 'supercomputer cluster',
            description: 'The "super dense, water-cooled supercomputer cluster" Musk promised at Tesla\'s factory in Austin, Texas',
            aliases: ['مجموعة حواسيب عملاقة فائقة الكثافة ومبردة بالماء'], sources: ['seed-000']}),
  (:System {name: 'Tesla H100 project', kind: 'GPU cluster build-out',
            description: 'The "H100 project" at Tesla\'s Texas Gigafactory that layoffs could delay (Nvidia late-April email)',
            aliases: ['مشروع H100', 'proyek H100', 'H100プロジェクト'],
            sources: ['seed-000', 'seed-003', 'seed-004']});

CREATE
  (:Product {name: 'Optimus', kind: 'humanoid robot',
             aliases: ['Optimus', 'Tesla Bot'], sources: ['seed-002']}),
  (:Product {name: 'Robotaxi', kind: 'self-driving taxi',
             description: 'Tesla\'s promised dedicated robotaxi; first one to be unveiled at an event in August (2024)',
             aliases: ['سيارة أجرة ذاتية القيادة', 'سيارات أجرة آلية', 'robotaksis', 'ロボットタクシー'],
             sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}),
  (:Product {name: 'Cybertruck', kind: 'pickup truck',
             aliases: ['サイバートラック'], sources: ['seed-004']});


// -----------------------------------------------------------------------------
// 6. Places
// -----------------------------------------------------------------------------
CREATE
  (:Place {name: 'United States', kind: 'country',
           aliases: ['الولايات المتحدة', 'AS', '米国'],
           sources: ['seed-000', 'seed-002', 'seed-003', 'seed-004']}),
  (:Place {name: 'China', kind: 'country',
           description: 'Appears only in seed-000, in the list of sources of demand for Nvidia chips',
           aliases: ['الصين'], sources: ['seed-000']}),
  (:Place {name: 'California', kind: 'state',
           aliases: ['كاليفورنيا'], sources: ['seed-000', 'seed-002']}),
  (:Place {name: 'Texas', kind: 'state',
           aliases: ['تكساس', 'Texas', 'テキサス'], sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Place {name: 'New York', kind: 'state',
           aliases: ['نيويورك'], sources: ['seed-000']}),
  (:Place {name: 'North Dakota', kind: 'state',
           aliases: ['داكوتا الشمالية'], sources: ['seed-000']}),
  (:Place {name: 'Delaware', kind: 'state',
           aliases: ['ديلاوير', 'ولاية ديلاوير'], sources: ['seed-000']}),
  (:Place {name: 'Beverly Hills', kind: 'city',
           aliases: ['بيفرلي هيلز'], sources: ['seed-000']}),
  (:Place {name: 'San Jose', kind: 'city',
           aliases: ['سان خوسيه'], sources: ['seed-000', 'seed-002']}),
  (:Place {name: 'San Francisco', kind: 'city',
           aliases: ['سان فرانسيسكو'], sources: ['seed-002']}),
  (:Place {name: 'Austin', kind: 'city',
           aliases: ['أوستن'], sources: ['seed-000']}),
  (:Place {name: 'Buffalo', kind: 'city',
           aliases: ['بوفالو'], sources: ['seed-000']}),
  (:Place {name: 'Beverly Hilton', kind: 'hotel',
           description: 'Venue of the Milken Conference 2024',
           aliases: ['فندق بيفرلي هيلتون'], sources: ['seed-000']}),
  (:Place {name: 'Texas Gigafactory', kind: 'factory',
           description: 'Tesla\'s Texas plant, site of the "H100 project"',
           aliases: ['Texas Gigafactory', 'テキサス・ギガファクトリー'],
           sources: ['seed-000', 'seed-003', 'seed-004']});


// -----------------------------------------------------------------------------
// 7. Events: facts with many parts
// -----------------------------------------------------------------------------
CREATE
  (:Event {name: 'Redirect of 12,000 shipped H100s from Tesla to X', kind: 'shipment redirection',
           units: 12000, status: 'shipped',
           description: 'Per the Nvidia December memo, Elon prioritised the X H100 GPU cluster at X over Tesla by redirecting 12k shipped H100s originally slated for Tesla to X',
           sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}),
  (:Event {name: 'Redirect of X\'s 12,000 H100 orders to Tesla', kind: 'order redirection',
           units: 12000, status: 'ordered', scheduled_months: [1, 6], scheduled_year: 2024,
           time_note: 'the December 2023 memo schedules them for "January and June"; year inferred',
           description: 'In exchange, X\'s original orders of 12k H100s slated for January and June were redirected to Tesla',
           sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}),
  (:Event {name: 'xAI $6B funding round', kind: 'funding round',
           amount_usd: 6000000000, date: date('2024-05-26'), year: 2024, month: 5,
           led_by: 'many of the same investors who financed Musk\'s Twitter acquisition',
           time_note: 'seed-000 gives "26 May" (year from context); seed-001 says "last month"',
           sources: ['seed-000', 'seed-001'], detail_sources: ['seed-000']}),
  (:Event {name: 'xAI formation', kind: 'founding', year: 2023, month: 3,
           description: 'xAI was formed in March 2023 but this was not disclosed at the time',
           sources: ['seed-000']}),
  (:Event {name: 'xAI public launch', kind: 'launch', year: 2023, month: 7,
           description: 'Musk officially unveiled xAI in July 2023, four months after it was formed',
           sources: ['seed-000', 'seed-002'], detail_sources: ['seed-002'],
           time_note: 'seed-002: "officially unveiled in July 2023"; seed-000: "four months" after the March 2023 formation'}),
  (:Event {name: 'Tesla layoffs and restructuring 2024', kind: 'layoffs',
           description: 'Ongoing, drastic layoffs and a large restructuring at Tesla',
           year: 2024, sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Event {name: 'Tesla sales decline', kind: 'sales decline',
           description: 'A worrying fall in sales, partly from an ageing EV line-up and more competition',
           sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Event {name: 'Scrutiny of Tesla self-driving features', kind: 'scrutiny',
           description: 'Tesla\'s self-driving features came under scrutiny after hundreds of crashes, some of them fatal',
           sources: ['seed-001']}),
  (:Event {name: 'Tesla staff moved to Twitter', kind: 'staff transfer', headcount_text: 'dozens',
           description: 'After buying Twitter, Musk recruited dozens of Autopilot engineers and other technical and administrative staff from Tesla; some people work at two Musk companies at once',
           sources: ['seed-000']}),
  (:Event {name: 'Tesla staff moved to xAI', kind: 'staff transfer', headcount: 5, qualifier: 'at least',
           description: 'Ethan Knight and at least four other former Tesla employees who worked on Autopilot and big-data projects joined xAI',
           sources: ['seed-000']}),
  (:Event {name: 'Musk 2018 Tesla pay package', kind: 'pay package', year: 2018,
           status: 'ordered rescinded by a Delaware court; post-trial proceedings continue and can be appealed',
           description: 'Unprecedented CEO pay package whose options are counted in Musk\'s 20.5% stake',
           sources: ['seed-000']}),
  (:Event {name: 'Tesla robotaxi unveiling', kind: 'product event', status: 'planned',
           year: 2024, month: 8,
           time_note: 'stated as "an event in August" in a June 2024 report',
           sources: ['seed-001']}),
  (:Event {name: 'Milken Conference 2024', kind: 'conference',
           aliases: ['Milken Conference 2024'],
           date: date('2024-05-06'), year: 2024, month: 5, sources: ['seed-000']}),
  (:Event {name: 'Nvidia GTC 2024', kind: 'conference',
           aliases: ['GTC', 'Nvidia GPU Technology (GTC)'],
           year: 2024, month: 3, attendees: 16000, qualifier: 'nearly',
           description: 'Nvidia\'s annual GPU Technology Conference in San Jose; two sessions featured xAI leaders',
           sources: ['seed-000', 'seed-002'], detail_sources: ['seed-002']}),
  (:Event {name: 'Oracle OpenWorld 2017', kind: 'conference',
           aliases: ['Oracle OpenWorld 2017'],
           date: date('2017-10-01'), year: 2017, month: 10, sources: ['seed-002']});


// -----------------------------------------------------------------------------
// 8. Metrics: market figures
//    value = fraction (-0.29 is a 29% fall); value_usd = amount in dollars.
// -----------------------------------------------------------------------------
CREATE
  (:Metric {name: 'Tesla share price change, 2024 to date', metric: 'share price change',
            value: -0.29, period: '2024 year to date', year: 2024,
            sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Metric {name: 'Tesla share drop after the CNBC report', metric: 'share price change',
            value: -0.01, qualifier: 'as much as', period: 'Tuesday morning after the news', year: 2024,
            sources: ['seed-000']}),
  (:Metric {name: 'Nvidia market capitalisation (June 2024 report)', metric: 'market capitalisation',
            value_usd: 2800000000000, rank: 3,
            description: 'third-largest (seed-001: third most valuable) company in the world',
            year: 2024, sources: ['seed-000', 'seed-001'], detail_sources: ['seed-000']}),
  (:Metric {name: 'Nvidia market capitalisation (March 2024 report)', metric: 'market capitalisation',
            value_usd: 2000000000000, qualifier: 'more than', year: 2024,
            sources: ['seed-002']}),
  (:Metric {name: 'Nvidia revenue growth, May 2024 quarter (seed-000)', metric: 'revenue growth',
            value: 2.0, qualifier: 'more than', period: 'quarter reported in May 2024, third straight quarter',
            fact: 'nvidia-revenue-growth-2024-05', variant: 'more than 200%, third quarter in a row',
            year: 2024, sources: ['seed-000']}),
  (:Metric {name: 'Nvidia revenue growth, May 2024 quarter (seed-001)', metric: 'revenue growth',
            value: 2.0, period: 'last quarter',
            fact: 'nvidia-revenue-growth-2024-05', variant: 'exactly 200%, last quarter',
            year: 2024, sources: ['seed-001']}),
  (:Metric {name: 'Nvidia quarterly revenue (March 2024 report)', metric: 'quarterly revenue',
            value_usd: 22100000000, period: 'last quarter before March 2024', sources: ['seed-002']}),
  (:Metric {name: 'Nvidia revenue growth (March 2024 report)', metric: 'revenue growth',
            value: 2.65, period: 'last quarter before March 2024', sources: ['seed-002']});


// -----------------------------------------------------------------------------
// 9. Claims: statements made by people (or firms), as short English paraphrases
//    value/unit: the number claimed; value_from: start of a range;
//    stake: a claimed ownership fraction; target_year: the year a forecast is for.
// -----------------------------------------------------------------------------

// 9a. Musk on Tesla's AI spending and chips (the claims Nvidia's emails dispute)
CREATE
  (:Claim {id: 'claim-h100-85k', kind: 'forecast',
           text: 'Tesla will raise its number of active H100 GPUs from 35,000 to 85,000 by the end of 2024',
           value_from: 35000, value: 85000, unit: 'active H100 GPUs', target_year: 2024,
           year: 2024, month: 4,
           wording_note: 'seed-001 speaks of acquiring H100s; seed-003/004 of the H100s Tesla uses and give no numbers',
           sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004'], detail_sources: ['seed-000', 'seed-001']}),
  (:Claim {id: 'claim-ai-spend-10b', kind: 'forecast',
           text: 'Tesla will spend around $10B in 2024 on combined AI training and inference, inference mostly in the car',
           value: 10000000000, unit: 'USD', qualifier: 'around', target_year: 2024,
           date: date('2024-04-28'), year: 2024, month: 4,
           quote: 'combined training and inference AI',
           wording_note: 'seed-000 gives "$10 billion" and later "about $10 billion"; seed-003/004 render inference as "interface"',
           sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}),
  (:Claim {id: 'claim-spend-or-lose', kind: 'opinion',
           text: 'Any company not spending at this level, and efficiently, cannot compete',
           date: date('2024-04-28'), year: 2024, month: 4,
           sources: ['seed-001']}),
  (:Claim {id: 'claim-tesla-needs-gpus', kind: 'statement',
           text: 'Tesla needs large numbers of Nvidia GPUs for AI training and workloads to reach autonomy',
           sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Claim {id: 'claim-dojo-cost-nvidia-spend', kind: 'forecast',
           text: 'Dojo costs $500M, and Tesla will spend more than that on Nvidia hardware in 2024',
           value: 500000000, unit: 'USD', target_year: 2024, year: 2024, month: 1,
           sources: ['seed-002']}),
  (:Claim {id: 'claim-ai-stakes-billions', kind: 'opinion',
           text: 'The competitive stakes in AI are at least several billion dollars a year',
           qualifier: 'at least', year: 2024, month: 1,
           sources: ['seed-002']}),
  (:Claim {id: 'claim-dual-path', kind: 'statement',
           text: 'Tesla is pursuing a dual path of Nvidia and Dojo',
           year: 2024, month: 1, sources: ['seed-002']}),
  (:Claim {id: 'claim-dojo-long-shot', kind: 'opinion',
           text: 'Dojo is a long shot worth pursuing: the payoff could be very high but it is not high probability',
           year: 2024, month: 1, sources: ['seed-002']});

// 9b. Musk on xAI, X and control of Tesla
CREATE
  (:Claim {id: 'claim-xai-25-x-corp-investors', kind: 'statement',
           text: 'X Corp investors will own 25% of xAI',
           stake: 0.25, unit: 'share of xAI', year: 2023, month: 11,
           fact: 'xai-25pct', variant: 'holders are X Corp\'s investors, future tense ("will own")',
           sources: ['seed-000']}),
  (:Claim {id: 'claim-xai-25-twitter', kind: 'statement',
           text: 'Twitter (X) holds 25% of xAI',
           stake: 0.25, unit: 'share of xAI',
           fact: 'xai-25pct', variant: 'holder is Twitter/X itself, present tense',
           sources: ['seed-003', 'seed-004']}),
  (:Claim {id: 'claim-voting-control', kind: 'demand',
           text: 'Musk is uncomfortable growing Tesla into an AI and robotics leader without about 25% voting control',
           stake: 0.25, unit: 'share of Tesla voting control', qualifier: 'about',
           year: 2024, month: 1, quote: 'enough to be influential, but not so much that I can\'t be overturned',
           sources: ['seed-000']}),
  (:Claim {id: 'claim-build-outside-tesla', kind: 'statement',
           text: 'Without that ownership, Musk would rather build products outside Tesla',
           year: 2024, month: 1, sources: ['seed-000']}),
  (:Claim {id: 'claim-tesla-ai-leader', kind: 'promise',
           text: 'Musk can grow Tesla into a leading AI and robotics company',
           sources: ['seed-000']}),
  (:Claim {id: 'claim-tesla-is-ai-company', kind: 'statement',
           text: 'Tesla is an AI/robotics company that appears to many to be a car company',
           year: 2024, month: 1, sources: ['seed-002']}),
  (:Claim {id: 'claim-autonomy-investors', kind: 'statement',
           text: 'Whoever does not believe Tesla will solve autonomy should not invest in it; "we will, and we are"',
           year: 2024, month: 4, sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Claim {id: 'claim-future-products', kind: 'promise',
           text: 'Tesla will deliver self-driving software for existing cars, dedicated robotaxis that earn money for owners, and a driverless ride network',
           sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Claim {id: 'claim-dojo-buffalo', kind: 'promise',
           text: 'Tesla will build a $500M Dojo supercomputer in Buffalo, New York',
           value: 500000000, unit: 'USD', sources: ['seed-000']}),
  (:Claim {id: 'claim-austin-cluster', kind: 'promise',
           text: 'Tesla will build a super dense, water-cooled supercomputer cluster at its Austin, Texas factory',
           sources: ['seed-000']}),
  (:Claim {id: 'claim-grok-rebellious', kind: 'statement',
           text: 'Grok is a politically incorrect chatbot with a "rebellious streak", a rival to ChatGPT',
           sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Claim {id: 'claim-nothing-better-than-nvidia', kind: 'endorsement',
           text: 'There is currently nothing better than Nvidia hardware for AI',
           year: 2024, month: 3, sources: ['seed-002']}),
  (:Claim {id: 'claim-nvidia-no-monopoly', kind: 'forecast',
           text: 'Competing chips are coming; Nvidia will not have a monopoly on large-scale training and inference forever',
           year: 2023, month: 6, sources: ['seed-002']}),
  (:Claim {id: 'claim-endorsed-post', kind: 'statement',
           text: 'Musk agreed with a post on X accusing "Jewish communities" of pushing "hatred against whites"',
           year: 2023, month: 11, sources: ['seed-002']});

// 9c. Jensen Huang and Nvidia
CREATE
  (:Claim {id: 'claim-consuming-every-gpu', kind: 'statement',
           text: 'Customers are consuming every GPU out there',
           year: 2024, month: 5, sources: ['seed-000', 'seed-001']}),
  (:Claim {id: 'claim-hard-to-keep-up', kind: 'statement',
           text: 'Nvidia finds it hard to keep up with demand',
           sources: ['seed-000']}),
  (:Claim {id: 'claim-allocate-fairly', kind: 'statement',
           text: 'Nvidia tries to allocate fairly and avoid unnecessary allocation: why allocate when the data centre is not ready?',
           year: 2024, month: 2, sources: ['seed-000']}),
  (:Claim {id: 'claim-blackwell-customers', kind: 'statement',
           text: 'xAI, six of the largest tech companies and Tesla are among the customers already using Blackwell',
           year: 2024, month: 5, sources: ['seed-000']}),
  (:Claim {id: 'claim-no-ads-on-x', kind: 'statement',
           text: 'Nvidia has not advertised on X for a very long time and has no plans to',
           year: 2023, month: 11, sources: ['seed-002']}),
  (:Claim {id: 'claim-no-public-statements', kind: 'statement',
           text: 'Nvidia will never make public statements against any other company',
           year: 2023, month: 11, sources: ['seed-002']}),
  (:Claim {id: 'claim-dgx-credit', kind: 'statement',
           text: 'Musk and OpenAI are behind Nvidia\'s decision to develop its first AI supercomputer, DGX, starting in 2012',
           value: 2012, unit: 'start year', sources: ['seed-002']}),
  (:Claim {id: 'claim-dgx-delivery', kind: 'statement',
           text: 'DGX took about five years to perfect and ship; Huang personally delivered the first one to Musk for OpenAI',
           value: 5, unit: 'years', qualifier: 'about', quote: 'Elon saw it and said \'I want one of those\'',
           sources: ['seed-002']});

// 9d. Others: Ellison, Zaman, Babuschkin, critics, lawyers, investors
CREATE
  (:Claim {id: 'claim-oracle-gpus-for-grok', kind: 'statement',
           text: 'xAI obtained Nvidia GPUs through Oracle to build the first version of Grok, but Oracle could not meet its demands',
           year: 2023, month: 12, sources: ['seed-002']}),
  (:Claim {id: 'claim-want-more-gpus', kind: 'statement',
           text: 'xAI wants far more GPUs than Oracle gave it; Oracle gave quite a few and is getting it more',
           quote: 'Boy, do they want a lot more GPUs', year: 2023, month: 12, sources: ['seed-002']}),
  (:Claim {id: 'claim-tesla-cluster-live', kind: 'statement',
           text: 'Tesla\'s AI cluster built with 10,000 Nvidia H100s is going live',
           value: 10000, unit: 'H100 GPUs', year: 2023, month: 8, sources: ['seed-002']}),
  (:Claim {id: 'claim-xai-uses-nvidia', kind: 'statement',
           text: 'xAI uses Nvidia GPUs to accelerate training and inference of its Grok model',
           year: 2024, month: 3, sources: ['seed-002']}),
  (:Claim {id: 'claim-part-time-ceo', kind: 'criticism',
           speaker: 'critics (unnamed)',
           text: 'Musk is only a part-time CEO of Tesla',
           sources: ['seed-000', 'seed-003', 'seed-004']}),
  (:Claim {id: 'claim-conflict-apparent', kind: 'opinion',
           text: 'By letting his private companies jump ahead of Tesla for key hardware, Musk makes his conflict of interest readily apparent',
           sources: ['seed-000']}),
  (:Claim {id: 'claim-fiduciary-conflict', kind: 'opinion',
           text: 'A fiduciary to several companies competing for the same things may end up steering opportunities from one to another; the law sees a conflict',
           sources: ['seed-000']}),
  (:Claim {id: 'claim-recuse', kind: 'opinion',
           text: 'Other executives should decide and the conflicted person should abstain, which Musk has not historically done',
           sources: ['seed-000']}),
  (:Claim {id: 'claim-extortion', kind: 'criticism',
           text: 'Musk\'s demand for about 25% voting control is "extortion"',
           sources: ['seed-000']}),
  (:Claim {id: 'claim-extensions-of-persona', kind: 'opinion',
           text: 'Musk has always treated his companies as extensions of himself and thinks he can do what he wants with them, as with Tesla\'s 2016 SolarCity deal',
           sources: ['seed-000']}),
  (:Claim {id: 'claim-redirect-extreme', kind: 'opinion',
           text: 'Redirecting a large chip shipment from Tesla to X was extreme given Nvidia\'s scarcity; Tesla gave up precious time for its Texas or New York clusters',
           sources: ['seed-000']});


// =============================================================================
// RELATIONSHIPS
// =============================================================================

// -----------------------------------------------------------------------------
// 10. Document lineage: syndication, citation, authorship, platforms, credits
// -----------------------------------------------------------------------------
MATCH (s0:Document {id: 'seed-000'}), (s1:Document {id: 'seed-001'}), (s2:Document {id: 'seed-002'}),
      (s3:Document {id: 'seed-003'}), (s4:Document {id: 'seed-004'}),
      (cnbcr:Document {id: 'cnbc-report-2024-06'}), (blog:Document {id: 'blog-post-hurting-tesla'}),
      (info:Document {id: 'the-information-report'}),
      (memo:Document {id: 'nvidia-memo-2023-12'}), (feb:Document {id: 'nvidia-email-2024-02'}),
      (apr:Document {id: 'nvidia-email-2024-04'}),
      (cnbc:Firm {name: 'CNBC'}), (theinfo:Firm {name: 'The Information'}), (nvidia:Firm {name: 'Nvidia'})
CREATE
  (s0)-[:SYNDICATES {mode: 'full translation', sources: ['seed-000']}]->(cnbcr),
  (s1)-[:SYNDICATES {mode: 'summary', sources: ['seed-001']}]->(cnbcr),
  (s3)-[:SYNDICATES {mode: 'translation', sources: ['seed-003']}]->(blog),
  (s4)-[:SYNDICATES {mode: 'translation', sources: ['seed-004']}]->(blog),
  (blog)-[:CITES {how: 'quotes at length', sources: ['seed-003', 'seed-004']}]->(cnbcr),
  (cnbcr)-[:CITES {how: 'emails read/obtained by CNBC', sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(memo),
  (cnbcr)-[:CITES {how: 'internal email', sources: ['seed-000']}]->(feb),
  (cnbcr)-[:CITES {how: 'emails read/obtained by CNBC', sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(apr),
  (cnbcr)-[:CITES {how: 'previously reported some details', sources: ['seed-000']}]->(info),
  (cnbcr)-[:PUBLISHED_BY {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(cnbc),
  (info)-[:PUBLISHED_BY {sources: ['seed-000']}]->(theinfo),
  (nvidia)-[:AUTHORED {written_by: 'senior Nvidia staff; widely shared inside the company', sources: ['seed-000', 'seed-003', 'seed-004']}]->(memo),
  (nvidia)-[:AUTHORED {sources: ['seed-000']}]->(feb),
  (nvidia)-[:AUTHORED {written_by: 'Nvidia employees (follow-up messages in seed-001)', sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(apr);

MATCH (musk:Person {name: 'Elon Musk'}), (zaman:Person {name: 'Tim Zaman'}), (huang:Person {name: 'Jensen Huang'}),
      (ellison:Person {name: 'Larry Ellison'}), (igor:Person {name: 'Igor Babuschkin'}),
      (x:Firm {name: 'X'}), (tesla:Firm {name: 'Tesla'}), (nvidia:Firm {name: 'Nvidia'}), (oracle:Firm {name: 'Oracle'}),
      (nyt:Firm {name: 'The New York Times'}), (axios:Firm {name: 'Axios'}), (harris:Firm {name: 'The Harris Poll'}),
      (p1:Document {id: 'musk-x-post-2024-04-28'}), (p2:Document {id: 'musk-x-post-2023-11-xai'}),
      (p3:Document {id: 'musk-x-post-2024-01-control'}), (p4:Document {id: 'musk-x-post-2024-01-ai-company'}),
      (p5:Document {id: 'musk-x-post-2024-01-dojo'}), (p6:Document {id: 'musk-x-post-2023-06-monopoly'}),
      (p7:Document {id: 'musk-x-post-2023-11-endorsement'}), (pz:Document {id: 'zaman-x-post-2023-08'}),
      (q1:Document {id: 'tesla-q1-2024-call'}), (q4:Document {id: 'tesla-q4-2023-call'}),
      (nf:Document {id: 'nvidia-2024-02-call'}), (nm:Document {id: 'nvidia-2024-05-call'}),
      (oc:Document {id: 'oracle-2023-12-call'}), (pr:Document {id: 'nvidia-blackwell-press-release'}),
      (proxy:Document {id: 'tesla-proxy-filing'}), (poll:Document {id: 'axios-harris-poll-100'}),
      (allhands:Document {id: 'nvidia-all-hands-2023-11'}), (dealbook:Document {id: 'huang-dealbook-talk'}),
      (gtctalk:Document {id: 'babuschkin-gtc-2024-talk'}), (aiday:Document {id: 'tesla-ai-day-2021'})
CREATE
  (musk)-[:AUTHORED {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(p1),
  (musk)-[:AUTHORED {sources: ['seed-000']}]->(p2),
  (musk)-[:AUTHORED {sources: ['seed-000']}]->(p3),
  (musk)-[:AUTHORED {sources: ['seed-002']}]->(p4),
  (musk)-[:AUTHORED {sources: ['seed-002']}]->(p5),
  (musk)-[:AUTHORED {sources: ['seed-002']}]->(p6),
  (musk)-[:AUTHORED {sources: ['seed-002']}]->(p7),
  (zaman)-[:AUTHORED {sources: ['seed-002']}]->(pz),
  (igor)-[:AUTHORED {sources: ['seed-002']}]->(gtctalk),
  (huang)-[:AUTHORED {sources: ['seed-002']}]->(dealbook),
  (p1)-[:ON_PLATFORM {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(x),
  (p2)-[:ON_PLATFORM {sources: ['seed-000']}]->(x),
  (p3)-[:ON_PLATFORM {sources: ['seed-000']}]->(x),
  (p4)-[:ON_PLATFORM {sources: ['seed-002']}]->(x),
  (p5)-[:ON_PLATFORM {sources: ['seed-002']}]->(x),
  (p6)-[:ON_PLATFORM {sources: ['seed-002']}]->(x),
  (p7)-[:ON_PLATFORM {sources: ['seed-002']}]->(x),
  (pz)-[:ON_PLATFORM {sources: ['seed-002']}]->(x),
  (q1)-[:PUBLISHED_BY {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(tesla),
  (q4)-[:PUBLISHED_BY {sources: ['seed-002']}]->(tesla),
  (proxy)-[:PUBLISHED_BY {sources: ['seed-000']}]->(tesla),
  (aiday)-[:PUBLISHED_BY {sources: ['seed-002']}]->(tesla),
  (nf)-[:PUBLISHED_BY {sources: ['seed-000']}]->(nvidia),
  (nm)-[:PUBLISHED_BY {sources: ['seed-000', 'seed-001']}]->(nvidia),
  (pr)-[:PUBLISHED_BY {sources: ['seed-002']}]->(nvidia),
  (allhands)-[:PUBLISHED_BY {sources: ['seed-002']}]->(nvidia),
  (oc)-[:PUBLISHED_BY {sources: ['seed-002']}]->(oracle),
  (dealbook)-[:PUBLISHED_BY {sources: ['seed-002']}]->(nyt),
  (poll)-[:PUBLISHED_BY {sources: ['seed-000', 'seed-003', 'seed-004']}]->(axios),
  (poll)-[:PUBLISHED_BY {sources: ['seed-000', 'seed-003', 'seed-004']}]->(harris);

// Photo credits printed under the pictures in seed-000 and seed-002.
MATCH (s0:Document {id: 'seed-000'}), (s2:Document {id: 'seed-002'}),
      (swanson:Person {name: 'David Swanson'}), (morris:Person {name: 'David Paul Morris'}),
      (reuters:Firm {name: 'Reuters'}), (bloomberg:Firm {name: 'Bloomberg'}), (getty:Firm {name: 'Getty Images'})
CREATE
  (swanson)-[:CREDITED_IN {credit: 'David Swanson | Reuters', sources: ['seed-000']}]->(s0),
  (reuters)-[:CREDITED_IN {credit: 'David Swanson | Reuters', sources: ['seed-000']}]->(s0),
  (reuters)-[:CREDITED_IN {credit: 'Reuters', sources: ['seed-002']}]->(s2),
  (morris)-[:CREDITED_IN {credit: 'David Paul Morris | Bloomberg | Getty Images', sources: ['seed-000']}]->(s0),
  (morris)-[:CREDITED_IN {credit: 'David Paul Morris | Bloomberg | Getty Images', sources: ['seed-002']}]->(s2),
  (bloomberg)-[:CREDITED_IN {credit: 'David Paul Morris | Bloomberg | Getty Images', sources: ['seed-000']}]->(s0),
  (bloomberg)-[:CREDITED_IN {credit: 'David Paul Morris | Bloomberg | Getty Images', sources: ['seed-002']}]->(s2),
  (getty)-[:CREDITED_IN {credit: 'David Paul Morris | Bloomberg | Getty Images', sources: ['seed-000']}]->(s0),
  (getty)-[:CREDITED_IN {credit: 'David Paul Morris | Bloomberg | Getty Images', sources: ['seed-002']}]->(s2),
  (swanson)-[:WORKS_AT {role: 'photographer', sources: ['seed-000']}]->(reuters),
  (morris)-[:WORKS_AT {role: 'photographer', sources: ['seed-000', 'seed-002']}]->(bloomberg);

// Related-content headlines inside seed-004.
MATCH (s4:Document {id: 'seed-004'}),
      (h1:Document {id: 'headline-ad-too-political'}), (h2:Document {id: 'headline-uaw-verification'}),
      (h3:Document {id: 'headline-cybertruck'}),
      (musk:Person {name: 'Elon Musk'}), (tesla:Firm {name: 'Tesla'}), (x:Firm {name: 'X'}),
      (uaw:Firm {name: 'UAW'}), (cyber:Product {name: 'Cybertruck'})
CREATE
  (s4)-[:LINKS_TO {sources: ['seed-004']}]->(h1),
  (s4)-[:LINKS_TO {sources: ['seed-004']}]->(h2),
  (s4)-[:LINKS_TO {sources: ['seed-004']}]->(h3),
  (h1)-[:MENTIONS {sources: ['seed-004']}]->(tesla),
  (h1)-[:MENTIONS {sources: ['seed-004']}]->(x),
  (h2)-[:MENTIONS {sources: ['seed-004']}]->(musk),
  (h2)-[:MENTIONS {sources: ['seed-004']}]->(uaw),
  (h2)-[:MENTIONS {sources: ['seed-004']}]->(x),
  (h3)-[:MENTIONS {sources: ['seed-004']}]->(cyber);


// -----------------------------------------------------------------------------
// 11. Ownership and control
// -----------------------------------------------------------------------------
MATCH (musk:Person {name: 'Elon Musk'}), (koguan:Person {name: 'Leo KoGuan'}), (ellison:Person {name: 'Larry Ellison'}),
      (tesla:Firm {name: 'Tesla'}), (x:Firm {name: 'X'}), (xai:Firm {name: 'xAI'}), (spacex:Firm {name: 'SpaceX'}),
      (neuralink:Firm {name: 'Neuralink'}), (boring:Firm {name: 'The Boring Company'}),
      (solarcity:Firm {name: 'SolarCity'}), (xinv:Firm {name: 'X Corp investors'})
CREATE
  (musk)-[:OWNS {stake: 0.205, basis: 'share of outstanding shares, including options from the 2018 CEO pay package',
                 via: 'tesla-proxy-filing', sources: ['seed-000']}]->(tesla),
  (musk)-[:OWNS {sources: ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004']}]->(x),
  (musk)-[:OWNS {sources: ['seed-003', 'seed-004']}]->(xai),
  (musk)-[:OWNS {sources: ['seed-003', 'seed-004']}]->(spacex),
  (musk)-[:OWNS {sources: ['seed-003', 'seed-004']}]->(neuralink),
  (musk)-[:OWNS {sources: ['seed-003', 'seed-004']}]->(boring),
  (musk)-[:OWNS {qualifier: 'major shareholder', note: 'at the time of Tesla\'s 2016 acquisition', sources: ['seed-000']}]->(solarcity),
  (koguan)-[:OWNS {qualifier: 'largest retail shareholder', sources: ['seed-000']}]->(tesla),
  // The 25% of xAI: two versions, kept side by side (same fact key).
  (xinv)-[:OWNS {stake: 0.25, status: 'planned', fact: 'xai-25pct',
                 variant: 'X Corp investors will own 25% of xAI (Musk post, November 2023)',
                 via: 'musk-x-post-2023-11-xai', sources: ['seed-000']}]->(xai),
  (x)-[:OWNS {stake: 0.25, fact: 'xai-25pct',
              variant: 'Twitter (X) itself holds 25% of xAI (as Musk said, per seed-003/004)',
              sources: ['seed-003', 'seed-004']}]->(xai),
  (xinv)-[:INVESTED_IN {sources: ['seed-000']}]->(x),
  (ellison)-[:INVESTED_IN {sources: ['seed-002']}]->(x),
  // Only seed-001 calls xAI an arm of X; the others describe it as Musk's own startup.
  (xai)-[:PART_OF {variant: 'described as X\'s AI arm', sources: ['seed-001']}]->(x),
  (x)-[:TIED_TO {how: 'tightly intertwined; xAI uses X data-centre capacity', sources: ['seed-000', 'seed-003', 'seed-004']}]->(xai),
  (musk)-[:ACQUIRED {price_usd: 44000000000, year: 2022, period: 'late 2022',
                     note: 'X was still called Twitter', sources: ['seed-000']}]->(x),
  (tesla)-[:ACQUIRED {year: 2016, sources: ['seed-000']}]->(solarcity);


// -----------------------------------------------------------------------------
// 12. Roles and employment (WORKED_AT = past job, WORKS_AT = job at the time)
// -----------------------------------------------------------------------------
MATCH (musk:Person {name: 'Elon Musk'}), (huang:Person {name: 'Jensen Huang'}), (ellison:Person {name: 'Larry Ellison'}),
      (altman:Person {name: 'Sam Altman'}), (knight:Person {name: 'Ethan Knight'}), (zaman:Person {name: 'Tim Zaman'}),
      (szegedy:Person {name: 'Christian Szegedy'}), (igor:Person {name: 'Igor Babuschkin'}),
      (tunguz:Person {name: 'Bojan Tunguz'}), (fleming:Person {name: 'Joel Fleming'}), (gerber:Person {name: 'Ross Gerber'}),
      (analyst:Person {name: 'Anonymous former Tesla supply-chain analyst'}),
      (tesla:Firm {name: 'Tesla'}), (spacex:Firm {name: 'SpaceX'}), (xai:Firm {name: 'xAI'}),
      (neuralink:Firm {name: 'Neuralink'}), (boring:Firm {name: 'The Boring Company'}), (openai:Firm {name: 'OpenAI'}),
      (nvidia:Firm {name: 'Nvidia'}), (oracle:Firm {name: 'Oracle'}), (google:Firm {name: 'Google'}),
      (solarcity:Firm {name: 'SolarCity'}), (gk:Firm {name: 'Gerber Kawasaki'}), (elg:Firm {name: 'Equity Litigation Group'})
CREATE
  (musk)-[:CEO_OF {qualifier: 'critics call him part-time', sources: ['seed-000', 'seed-002', 'seed-003', 'seed-004']}]->(tesla),
  (musk)-[:CEO_OF {sources: ['seed-000']}]->(spacex),
  (musk)-[:FOUNDED {role: 'founder', sources: ['seed-000']}]->(neuralink),
  (musk)-[:FOUNDED {role: 'founder', sources: ['seed-000']}]->(boring),
  (musk)-[:FOUNDED {role: 'founder', year: 2023, detail_sources: ['seed-000'],
                    note: 'seed-003/004 only say he owns the "recently launched" xAI (see OWNS)',
                    sources: ['seed-000', 'seed-001', 'seed-002']}]->(xai),
  (musk)-[:FOUNDED {role: 'co-founder', qualifier: 'helped create it, then split publicly with Sam Altman and other founders',
                    sources: ['seed-002']}]->(openai),
  (musk)-[:CHAIR_OF {note: 'at the time of Tesla\'s 2016 acquisition', sources: ['seed-000']}]->(solarcity),
  (huang)-[:CEO_OF {sources: ['seed-000', 'seed-001', 'seed-002']}]->(nvidia),
  (huang)-[:FOUNDED {role: 'co-founder', sources: ['seed-000']}]->(nvidia),
  (ellison)-[:FOUNDED {role: 'co-founder', note: 'seed-002 text says founder, its photo caption co-founder', sources: ['seed-002']}]->(oracle),
  (ellison)-[:CHAIR_OF {sources: ['seed-002']}]->(oracle),
  (ellison)-[:BOARD_MEMBER_OF {former: true, sources: ['seed-002']}]->(tesla),
  (altman)-[:CEO_OF {sources: ['seed-002']}]->(openai),
  (knight)-[:WORKED_AT {role: 'machine-learning scientist', sources: ['seed-000']}]->(tesla),
  (knight)-[:WORKS_AT {role: 'machine-learning scientist', sources: ['seed-000']}]->(xai),
  (zaman)-[:WORKED_AT {role: 'AI engineer', sources: ['seed-002']}]->(tesla),
  (szegedy)-[:FOUNDED {role: 'co-founder', sources: ['seed-002']}]->(xai),
  (szegedy)-[:WORKS_AT {role: 'research scientist', sources: ['seed-002']}]->(xai),
  (szegedy)-[:WORKED_AT {sources: ['seed-002']}]->(google),
  (igor)-[:FOUNDED {role: 'co-founder', sources: ['seed-002']}]->(xai),
  (igor)-[:WORKS_AT {role: 'research engineer', sources: ['seed-002']}]->(xai),
  (igor)-[:WORKED_AT {sources: ['seed-002']}]->(openai),
  (igor)-[:WORKED_AT {sources: ['seed-002']}]->(google),
  (tunguz)-[:WORKS_AT {role: 'data scientist', sources: ['seed-002']}]->(nvidia),
  (fleming)-[:WORKS_AT {role: 'securities attorney', sources: ['seed-000']}]->(elg),
  (gerber)-[:WORKS_AT {sources: ['seed-000']}]->(gk),
  (analyst)-[:WORKED_AT {role: 'supply-chain analyst', sources: ['seed-000']}]->(tesla);

// Staff moving between Musk's firms, as events.
MATCH (knight:Person {name: 'Ethan Knight'}), (musk:Person {name: 'Elon Musk'}),
      (tesla:Firm {name: 'Tesla'}), (x:Firm {name: 'X'}), (xai:Firm {name: 'xAI'}),
      (totw:Event {name: 'Tesla staff moved to Twitter'}), (toxai:Event {name: 'Tesla staff moved to xAI'}),
      (autopilot:System {name: 'Autopilot'})
CREATE
  (musk)-[:ORDERED {sources: ['seed-000']}]->(totw),
  (musk)-[:ORDERED {sources: ['seed-000']}]->(toxai),
  (totw)-[:MOVED_FROM {sources: ['seed-000']}]->(tesla),
  (totw)-[:MOVED_TO {sources: ['seed-000']}]->(x),
  (toxai)-[:MOVED_FROM {sources: ['seed-000']}]->(tesla),
  (toxai)-[:MOVED_TO {sources: ['seed-000']}]->(xai),
  (toxai)-[:INCLUDES {sources: ['seed-000']}]->(knight),
  (totw)-[:CONCERNS {note: 'dozens of Autopilot software engineers among them', sources: ['seed-000']}]->(autopilot),
  (toxai)-[:CONCERNS {note: 'they had worked on Autopilot and big-data projects', sources: ['seed-000']}]->(autopilot);


// -----------------------------------------------------------------------------
// 13. Personal ties, conferences, photographs
// -----------------------------------------------------------------------------
MATCH (musk:Person {name: 'Elon Musk'}), (huang:Person {name: 'Jensen Huang'}), (ellison:Person {name: 'Larry Ellison'}),
      (altman:Person {name: 'Sam Altman'}), (szegedy:Person {name: 'Christian Szegedy'}),
      (igor:Person {name: 'Igor Babuschkin'}), (tunguz:Person {name: 'Bojan Tunguz'}),
      (kutcher:Person {name: 'Ashton Kutcher'}), (lamar:Person {name: 'Kendrick Lamar'}),
      (swanson:Person {name: 'David Swanson'}), (morris:Person {name: 'David Paul Morris'}),
      (reuters:Firm {name: 'Reuters'}), (nvidia:Firm {name: 'Nvidia'}), (oracle:Firm {name: 'Oracle'}),
      (milken:Event {name: 'Milken Conference 2024'}), (gtc:Event {name: 'Nvidia GTC 2024'}),
      (oow:Event {name: 'Oracle OpenWorld 2017'}),
      (gtctalk:Document {id: 'babuschkin-gtc-2024-talk'}), (pr:Document {id: 'nvidia-blackwell-press-release'})
CREATE
  (ellison)-[:KNOWS {kind: 'close friend', sources: ['seed-002']}]->(musk),
  (musk)-[:KNOWS {kind: 'long-standing relationship, not always friendly', sources: ['seed-002']}]->(huang),
  (musk)-[:SPLIT_WITH {kind: 'public split', context: 'OpenAI', sources: ['seed-002']}]->(altman),
  (musk)-[:SPOKE_AT {date: date('2024-05-06'), sources: ['seed-000']}]->(milken),
  (huang)-[:ATTENDED {date: date('2024-03-19'), sources: ['seed-000']}]->(gtc),
  (szegedy)-[:SPOKE_AT {session: 'fireside chat with Bojan Tunguz', sources: ['seed-002']}]->(gtc),
  (tunguz)-[:SPOKE_AT {session: 'fireside chat with Christian Szegedy', sources: ['seed-002']}]->(gtc),
  (igor)-[:SPOKE_AT {session: 'overview of how xAI uses Nvidia GPUs for Grok', sources: ['seed-002']}]->(gtc),
  (kutcher)-[:ATTENDED {sources: ['seed-002']}]->(gtc),
  (lamar)-[:ATTENDED {sources: ['seed-002']}]->(gtc),
  (ellison)-[:SPOKE_AT {date: date('2017-10-01'), sources: ['seed-002']}]->(oow),
  (nvidia)-[:ORGANIZED {kind: 'annual conference', sources: ['seed-002']}]->(gtc),
  (oracle)-[:ORGANIZED {sources: ['seed-002']}]->(oow),
  (gtctalk)-[:PART_OF {sources: ['seed-002']}]->(gtc),
  (pr)-[:PART_OF {note: 'released on the Monday of GTC week', sources: ['seed-002']}]->(gtc),
  (swanson)-[:PHOTOGRAPHED {date: date('2024-05-06'), occasion: 'Milken Conference 2024', sources: ['seed-000']}]->(musk),
  (morris)-[:PHOTOGRAPHED {date: date('2024-03-19'), occasion: 'Nvidia GTC 2024', sources: ['seed-000']}]->(huang),
  (morris)-[:PHOTOGRAPHED {date: date('2017-10-01'), occasion: 'Oracle OpenWorld 2017', sources: ['seed-002']}]->(ellison),
  (reuters)-[:PHOTOGRAPHED {occasion: 'picture of Musk (left) and Huang (right)', sources: ['seed-002']}]->(musk),
  (reuters)-[:PHOTOGRAPHED {occasion: 'picture of Musk (left) and Huang (right)', sources: ['seed-002']}]->(huang);


// -----------------------------------------------------------------------------
// 14. What each firm develops or operates, and where systems are
// -----------------------------------------------------------------------------
MATCH (tesla:Firm {name: 'Tesla'}), (x:Firm {name: 'X'}), (xai:Firm {name: 'xAI'}), (nvidia:Firm {name: 'Nvidia'}),
      (openai:Firm {name: 'OpenAI'}),
      (h100:Chip {name: 'H100'}), (blackwell:Chip {name: 'Blackwell'}), (gpu:Chip {name: 'Nvidia GPU'}),
      (dgx:System {name: 'DGX'}), (dojo:System {name: 'Dojo'}), (grok:System {name: 'Grok'}),
      (chatgpt:System {name: 'ChatGPT'}), (autopilot:System {name: 'Autopilot'}),
      (xcluster:System {name: 'X H100 GPU cluster'}), (teslacluster:System {name: 'Tesla AI cluster'}),
      (ndcluster:System {name: 'xAI North Dakota GPU cluster'}), (austincluster:System {name: 'Tesla Austin supercomputer cluster'}),
      (h100project:System {name: 'Tesla H100 project'}),
      (optimus:Product {name: 'Optimus'}), (robotaxi:Product {name: 'Robotaxi'}), (cyber:Product {name: 'Cybertruck'}),
      (gf:Place {name: 'Texas Gigafactory'}), (aiday:Document {id: 'tesla-ai-day-2021'})
CREATE
  (nvidia)-[:DEVELOPS {sources: ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004']}]->(h100),
  (nvidia)-[:DEVELOPS {sources: ['seed-000', 'seed-002']}]->(blackwell),
  (nvidia)-[:DEVELOPS {sources: ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004']}]->(gpu),
  (nvidia)-[:DEVELOPS {year: 2012, note: 'development started in 2012 (per Huang)', sources: ['seed-002']}]->(dgx),
  (tesla)-[:DEVELOPS {sources: ['seed-000', 'seed-002']}]->(dojo),
  (tesla)-[:DEVELOPS {sources: ['seed-000']}]->(autopilot),
  (tesla)-[:DEVELOPS {sources: ['seed-002']}]->(optimus),
  (tesla)-[:DEVELOPS {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(robotaxi),
  (tesla)-[:DEVELOPS {sources: ['seed-004']}]->(cyber),
  (tesla)-[:DEVELOPS {status: 'went live August 2023', sources: ['seed-002']}]->(teslacluster),
  (tesla)-[:DEVELOPS {status: 'promised', sources: ['seed-000']}]->(austincluster),
  (tesla)-[:DEVELOPS {via: 'nvidia-email-2024-04', sources: ['seed-000', 'seed-003', 'seed-004']}]->(h100project),
  (tesla)-[:OPERATES {sources: ['seed-000', 'seed-003', 'seed-004']}]->(gf),
  (xai)-[:DEVELOPS {sources: ['seed-000', 'seed-002', 'seed-003', 'seed-004']}]->(grok),
  (xai)-[:DEVELOPS {status: 'some capacity online in June 2024', via: 'nvidia-email-2024-02', sources: ['seed-000']}]->(ndcluster),
  (x)-[:OPERATES {via: 'nvidia-memo-2023-12', sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(xcluster),
  (openai)-[:DEVELOPS {sources: ['seed-000', 'seed-003', 'seed-004']}]->(chatgpt),
  (xcluster)-[:USES {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(h100),
  (teslacluster)-[:USES {units: 10000, sources: ['seed-002']}]->(h100),
  (h100project)-[:USES {sources: ['seed-000', 'seed-003', 'seed-004']}]->(h100),
  (ndcluster)-[:USES {sources: ['seed-000']}]->(gpu),
  (grok)-[:RIVAL_OF {sources: ['seed-000', 'seed-003', 'seed-004']}]->(chatgpt),
  (aiday)-[:DESCRIBES {note: 'Tesla first discussed plans for the Dojo supercomputer', sources: ['seed-002']}]->(dojo);

MATCH (dojo:System {name: 'Dojo'}), (ndcluster:System {name: 'xAI North Dakota GPU cluster'}),
      (austincluster:System {name: 'Tesla Austin supercomputer cluster'}), (h100project:System {name: 'Tesla H100 project'}),
      (buffalo:Place {name: 'Buffalo'}), (nd:Place {name: 'North Dakota'}), (austin:Place {name: 'Austin'}),
      (gf:Place {name: 'Texas Gigafactory'})
CREATE
  (dojo)-[:LOCATED_IN {status: 'planned', sources: ['seed-000']}]->(buffalo),
  (ndcluster)-[:LOCATED_IN {status: 'planned', sources: ['seed-000']}]->(nd),
  (austincluster)-[:LOCATED_IN {status: 'promised', note: 'at Tesla\'s factory in Austin, Texas', sources: ['seed-000']}]->(austin),
  (h100project)-[:LOCATED_IN {sources: ['seed-000', 'seed-003', 'seed-004']}]->(gf);


// -----------------------------------------------------------------------------
// 15. Chip flows: the December memo's redirection, the delay, the 100,000 chips,
//     where Grok runs, who supplies xAI
// -----------------------------------------------------------------------------
MATCH (musk:Person {name: 'Elon Musk'}), (tesla:Firm {name: 'Tesla'}), (x:Firm {name: 'X'}), (nvidia:Firm {name: 'Nvidia'}),
      (h100:Chip {name: 'H100'}), (gpu:Chip {name: 'Nvidia GPU'}), (xcluster:System {name: 'X H100 GPU cluster'}),
      (r1:Event {name: 'Redirect of 12,000 shipped H100s from Tesla to X'}),
      (r2:Event {name: 'Redirect of X\'s 12,000 H100 orders to Tesla'}),
      (memo:Document {id: 'nvidia-memo-2023-12'})
CREATE
  (musk)-[:ORDERED {how: 'told Nvidia to let X jump the line ahead of Tesla', sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(r1),
  (r1)-[:ORIGINALLY_FOR {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(tesla),
  (r1)-[:REDIRECTED_TO {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(x),
  (r1)-[:INVOLVES {units: 12000, sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(h100),
  (r1)-[:FOR_SYSTEM {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(xcluster),
  (r1)-[:SUPPLIED_BY {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(nvidia),
  (r2)-[:ORIGINALLY_FOR {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(x),
  (r2)-[:REDIRECTED_TO {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(tesla),
  (r2)-[:INVOLVES {units: 12000, sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(h100),
  (r2)-[:SUPPLIED_BY {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(nvidia),
  (r2)-[:IN_EXCHANGE_FOR {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(r1),
  (memo)-[:DESCRIBES {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(r1),
  (memo)-[:DESCRIBES {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(r2),
  // The delay to Tesla: two versions of the amount, kept side by side.
  (r1)-[:DELAYED_DELIVERY_TO {value_usd: 500000000, qualifier: 'more than', duration: 'months', certainty: 'did delay',
                              fact: 'tesla-gpu-delay', variant: 'more than $500M of GPUs delayed by months',
                              sources: ['seed-000', 'seed-003', 'seed-004']}]->(tesla),
  (r1)-[:DELAYED_DELIVERY_TO {value_usd: 500000000, duration: 'months', certainty: 'may delay',
                              fact: 'tesla-gpu-delay', variant: '$500M of processors, may be delayed by months',
                              sources: ['seed-001']}]->(tesla);

MATCH (musk:Person {name: 'Elon Musk'}), (xai:Firm {name: 'xAI'}), (x:Firm {name: 'X'}), (amazon:Firm {name: 'Amazon'}),
      (oracle:Firm {name: 'Oracle'}), (tesla:Firm {name: 'Tesla'}), (nvidia:Firm {name: 'Nvidia'}),
      (gpu:Chip {name: 'Nvidia GPU'}), (grok:System {name: 'Grok'}),
      (ndcluster:System {name: 'xAI North Dakota GPU cluster'}), (feb:Document {id: 'nvidia-email-2024-02'})
CREATE
  (musk)-[:MANDATED {units: 100000, target_year: 2024, quote: 'Musk\'s mandate',
                     note: 'make all 100,000 chips available to xAI by the end of 2024',
                     via: 'nvidia-email-2024-02', sources: ['seed-000']}]->(ndcluster),
  (feb)-[:DESCRIBES {sources: ['seed-000']}]->(ndcluster),
  (grok)-[:RUNS_ON {what: 'cloud infrastructure', via: 'nvidia-email-2024-02', sources: ['seed-000']}]->(amazon),
  (grok)-[:RUNS_ON {what: 'cloud infrastructure', via: 'nvidia-email-2024-02', sources: ['seed-000']}]->(oracle),
  (grok)-[:RUNS_ON {what: 'some capacity in X data centres for training and inference', sources: ['seed-000', 'seed-003', 'seed-004']}]->(x),
  (oracle)-[:SUPPLIED {what: 'Nvidia GPUs for the first version of Grok', via: 'oracle-2023-12-call', sources: ['seed-002']}]->(xai),
  (tesla)-[:CUSTOMER_OF {sources: ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004']}]->(nvidia),
  (x)-[:CUSTOMER_OF {note: 'X\'s own H100 orders', sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(nvidia),
  (xai)-[:CUSTOMER_OF {sources: ['seed-000', 'seed-001', 'seed-002']}]->(nvidia);


// -----------------------------------------------------------------------------
// 16. Money and milestones: funding, pay, launches, layoffs, sales, scrutiny
// -----------------------------------------------------------------------------
MATCH (musk:Person {name: 'Elon Musk'}), (tesla:Firm {name: 'Tesla'}), (xai:Firm {name: 'xAI'}),
      (court:Firm {name: 'Delaware court'}), (delaware:Place {name: 'Delaware'}),
      (funding:Event {name: 'xAI $6B funding round'}), (pay:Event {name: 'Musk 2018 Tesla pay package'}),
      (formed:Event {name: 'xAI formation'}), (launched:Event {name: 'xAI public launch'}),
      (robotaxiev:Event {name: 'Tesla robotaxi unveiling'}), (robotaxi:Product {name: 'Robotaxi'}),
      (layoffs:Event {name: 'Tesla layoffs and restructuring 2024'}), (sales:Event {name: 'Tesla sales decline'}),
      (scrutiny:Event {name: 'Scrutiny of Tesla self-driving features'})
CREATE
  (funding)-[:RAISED_FOR {amount_usd: 6000000000, sources: ['seed-000', 'seed-001']}]->(xai),
  (formed)-[:CONCERNS {sources: ['seed-000']}]->(xai),
  (launched)-[:CONCERNS {sources: ['seed-000', 'seed-002']}]->(xai),
  (musk)-[:ANNOUNCED {sources: ['seed-000']}]->(launched),
  (pay)-[:AWARDED_TO {sources: ['seed-000']}]->(musk),
  (pay)-[:AWARDED_BY {sources: ['seed-000']}]->(tesla),
  (court)-[:RESCINDED {status: 'post-trial proceedings continue and can be appealed', sources: ['seed-000']}]->(pay),
  (court)-[:LOCATED_IN {sources: ['seed-000']}]->(delaware),
  (tesla)-[:ORGANIZED {sources: ['seed-001']}]->(robotaxiev),
  (robotaxiev)-[:CONCERNS {note: 'Tesla\'s first robotaxi', sources: ['seed-001']}]->(robotaxi),
  (layoffs)-[:CONCERNS {sources: ['seed-000', 'seed-003', 'seed-004']}]->(tesla),
  (sales)-[:CONCERNS {sources: ['seed-000', 'seed-003', 'seed-004']}]->(tesla),
  (scrutiny)-[:CONCERNS {sources: ['seed-001']}]->(tesla);


// -----------------------------------------------------------------------------
// 17. Markets, demand, competition, advertising
// -----------------------------------------------------------------------------
MATCH (tesla:Firm {name: 'Tesla'}), (nvidia:Firm {name: 'Nvidia'}),
      (m1:Metric {name: 'Tesla share price change, 2024 to date'}),
      (m2:Metric {name: 'Tesla share drop after the CNBC report'}),
      (m3:Metric {name: 'Nvidia market capitalisation (June 2024 report)'}),
      (m4:Metric {name: 'Nvidia market capitalisation (March 2024 report)'}),
      (m5:Metric {name: 'Nvidia revenue growth, May 2024 quarter (seed-000)'}),
      (m6:Metric {name: 'Nvidia revenue growth, May 2024 quarter (seed-001)'}),
      (m7:Metric {name: 'Nvidia quarterly revenue (March 2024 report)'}),
      (m8:Metric {name: 'Nvidia revenue growth (March 2024 report)'}),
      (cnbcr:Document {id: 'cnbc-report-2024-06'})
CREATE
  (tesla)-[:HAS_METRIC {sources: ['seed-000', 'seed-003', 'seed-004']}]->(m1),
  (tesla)-[:HAS_METRIC {sources: ['seed-000']}]->(m2),
  (nvidia)-[:HAS_METRIC {sources: ['seed-000', 'seed-001']}]->(m3),
  (nvidia)-[:HAS_METRIC {sources: ['seed-002']}]->(m4),
  (nvidia)-[:HAS_METRIC {sources: ['seed-000']}]->(m5),
  (nvidia)-[:HAS_METRIC {sources: ['seed-001']}]->(m6),
  (nvidia)-[:HAS_METRIC {sources: ['seed-002']}]->(m7),
  (nvidia)-[:HAS_METRIC {sources: ['seed-002']}]->(m8),
  (m2)-[:CAUSED_BY {sources: ['seed-000']}]->(cnbcr);

MATCH (xai:Firm {name: 'xAI'}), (openai:Firm {name: 'OpenAI'}), (anthropic:Firm {name: 'Anthropic'}),
      (google:Firm {name: 'Google'}), (amazon:Firm {name: 'Amazon'}), (meta:Firm {name: 'Meta'}),
      (microsoft:Firm {name: 'Microsoft'}), (nvidia:Firm {name: 'Nvidia'}), (intel:Firm {name: 'Intel'}),
      (apple:Firm {name: 'Apple'}), (disney:Firm {name: 'Disney'}), (x:Firm {name: 'X'}),
      (china:Place {name: 'China'}), (gpu:Chip {name: 'Nvidia GPU'})
CREATE
  (xai)-[:COMPETES_WITH {sources: ['seed-000', 'seed-001']}]->(openai),
  (xai)-[:COMPETES_WITH {sources: ['seed-000']}]->(anthropic),
  (xai)-[:COMPETES_WITH {sources: ['seed-000', 'seed-001']}]->(google),
  (google)-[:DEMANDS {sources: ['seed-000', 'seed-003', 'seed-004']}]->(gpu),
  (amazon)-[:DEMANDS {sources: ['seed-000', 'seed-003', 'seed-004']}]->(gpu),
  (meta)-[:DEMANDS {sources: ['seed-000', 'seed-003', 'seed-004']}]->(gpu),
  (microsoft)-[:DEMANDS {sources: ['seed-000', 'seed-003', 'seed-004']}]->(gpu),
  (openai)-[:DEMANDS {sources: ['seed-000', 'seed-003', 'seed-004']}]->(gpu),
  (china)-[:DEMANDS {note: 'only seed-000 lists China; probably a translation slip', sources: ['seed-000']}]->(gpu),
  (nvidia)-[:OUTSOLD {year: 2023, what: 'total sales', time_note: 'stated as "last year" in a March 2024 report',
                      sources: ['seed-002']}]->(intel),
  (apple)-[:PAUSED_ADS_ON {year: 2023, month: 11, reason: 'antisemitism and other hate speech on the platform',
                           sources: ['seed-002']}]->(x),
  (disney)-[:PAUSED_ADS_ON {year: 2023, month: 11, reason: 'antisemitism and other hate speech on the platform',
                            sources: ['seed-002']}]->(x);

// The reputation survey: how much of Tesla's slide it pins on Musk differs by seed.
MATCH (poll:Document {id: 'axios-harris-poll-100'}), (musk:Person {name: 'Elon Musk'}), (tesla:Firm {name: 'Tesla'}),
      (us:Place {name: 'United States'})
CREATE
  (poll)-[:DESCRIBES {finding: 'Tesla\'s reputation slipped in the US', sources: ['seed-000', 'seed-003', 'seed-004']}]->(tesla),
  (poll)-[:MENTIONS {sources: ['seed-000', 'seed-003', 'seed-004']}]->(us),
  (poll)-[:BLAMES {extent: 'some', quote: 'antics, political rants', fact: 'reputation-blame',
                   variant: 'some of the slide attributed to Musk', sources: ['seed-000', 'seed-003']}]->(musk),
  (poll)-[:BLAMES {extent: 'largely', quote: 'antics, political rants', fact: 'reputation-blame',
                   variant: 'the slide largely due to Musk', sources: ['seed-004']}]->(musk);

// Who was asked for comment, and how they answered.
MATCH (cnbcr:Document {id: 'cnbc-report-2024-06'}), (s2:Document {id: 'seed-002'}),
      (musk:Person {name: 'Elon Musk'}), (nvidia:Firm {name: 'Nvidia'}), (x:Firm {name: 'X'}),
      (tesla:Firm {name: 'Tesla'}), (xai:Firm {name: 'xAI'})
CREATE
  (nvidia)-[:ASKED_FOR_COMMENT {response: 'declined to comment', sources: ['seed-000']}]->(cnbcr),
  (musk)-[:ASKED_FOR_COMMENT {response: 'did not respond', sources: ['seed-000']}]->(cnbcr),
  (x)-[:ASKED_FOR_COMMENT {response: 'did not respond', sources: ['seed-000']}]->(cnbcr),
  (tesla)-[:ASKED_FOR_COMMENT {response: 'did not respond', sources: ['seed-000']}]->(cnbcr),
  (nvidia)-[:ASKED_FOR_COMMENT {response: 'declined to comment', sources: ['seed-002']}]->(s2),
  (tesla)-[:ASKED_FOR_COMMENT {response: 'did not respond', sources: ['seed-002']}]->(s2),
  (xai)-[:ASKED_FOR_COMMENT {response: 'did not respond', sources: ['seed-002']}]->(s2);

// What the late-April email warns about.
MATCH (apr:Document {id: 'nvidia-email-2024-04'}), (h100project:System {name: 'Tesla H100 project'}),
      (layoffs:Event {name: 'Tesla layoffs and restructuring 2024'})
CREATE
  (apr)-[:MENTIONS {sources: ['seed-000', 'seed-003', 'seed-004']}]->(layoffs),
  (apr)-[:WARNS {risk: 'headcount reductions could further delay it', sources: ['seed-000', 'seed-003', 'seed-004']}]->(h100project);


// -----------------------------------------------------------------------------
// 18. Places inside places, and where events happened
// -----------------------------------------------------------------------------
MATCH (us:Place {name: 'United States'}), (ca:Place {name: 'California'}), (tx:Place {name: 'Texas'}),
      (ny:Place {name: 'New York'}), (nd:Place {name: 'North Dakota'}), (de:Place {name: 'Delaware'}),
      (bh:Place {name: 'Beverly Hills'}), (sj:Place {name: 'San Jose'}), (sf:Place {name: 'San Francisco'}),
      (austin:Place {name: 'Austin'}), (buffalo:Place {name: 'Buffalo'}), (hilton:Place {name: 'Beverly Hilton'}),
      (gf:Place {name: 'Texas Gigafactory'}),
      (milken:Event {name: 'Milken Conference 2024'}), (gtc:Event {name: 'Nvidia GTC 2024'}),
      (oow:Event {name: 'Oracle OpenWorld 2017'})
CREATE
  (ca)-[:LOCATED_IN {sources: ['seed-000', 'seed-002']}]->(us),
  (tx)-[:LOCATED_IN {sources: ['seed-000']}]->(us),
  (ny)-[:LOCATED_IN {sources: ['seed-000']}]->(us),
  (nd)-[:LOCATED_IN {sources: ['seed-000']}]->(us),
  (de)-[:LOCATED_IN {sources: ['seed-000']}]->(us),
  (bh)-[:LOCATED_IN {sources: ['seed-000']}]->(ca),
  (sj)-[:LOCATED_IN {sources: ['seed-000', 'seed-002']}]->(ca),
  (sf)-[:LOCATED_IN {sources: ['seed-002']}]->(ca),
  (austin)-[:LOCATED_IN {sources: ['seed-000']}]->(tx),
  (buffalo)-[:LOCATED_IN {sources: ['seed-000']}]->(ny),
  (hilton)-[:LOCATED_IN {sources: ['seed-000']}]->(bh),
  (gf)-[:LOCATED_IN {sources: ['seed-000', 'seed-003', 'seed-004']}]->(tx),
  (milken)-[:LOCATED_IN {sources: ['seed-000']}]->(hilton),
  (gtc)-[:LOCATED_IN {sources: ['seed-000', 'seed-002']}]->(sj),
  (oow)-[:LOCATED_IN {sources: ['seed-002']}]->(sf);


// -----------------------------------------------------------------------------
// 19. Claims: who made them and where they were published
// -----------------------------------------------------------------------------
MATCH (musk:Person {name: 'Elon Musk'}),
      (c1:Claim {id: 'claim-h100-85k'}), (c2:Claim {id: 'claim-ai-spend-10b'}), (c3:Claim {id: 'claim-spend-or-lose'}),
      (c4:Claim {id: 'claim-tesla-needs-gpus'}), (c5:Claim {id: 'claim-dojo-cost-nvidia-spend'}),
      (c6:Claim {id: 'claim-ai-stakes-billions'}), (c7:Claim {id: 'claim-dual-path'}), (c8:Claim {id: 'claim-dojo-long-shot'}),
      (c9:Claim {id: 'claim-xai-25-x-corp-investors'}), (c10:Claim {id: 'claim-xai-25-twitter'}),
      (c11:Claim {id: 'claim-voting-control'}), (c12:Claim {id: 'claim-build-outside-tesla'}),
      (c13:Claim {id: 'claim-tesla-ai-leader'}), (c14:Claim {id: 'claim-tesla-is-ai-company'}),
      (c15:Claim {id: 'claim-autonomy-investors'}), (c16:Claim {id: 'claim-future-products'}),
      (c17:Claim {id: 'claim-dojo-buffalo'}), (c18:Claim {id: 'claim-austin-cluster'}),
      (c19:Claim {id: 'claim-grok-rebellious'}), (c20:Claim {id: 'claim-nothing-better-than-nvidia'}),
      (c21:Claim {id: 'claim-nvidia-no-monopoly'}), (c22:Claim {id: 'claim-endorsed-post'})
CREATE
  (musk)-[:MADE {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(c1),
  (musk)-[:MADE {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(c2),
  (musk)-[:MADE {sources: ['seed-001']}]->(c3),
  (musk)-[:MADE {sources: ['seed-000', 'seed-003', 'seed-004']}]->(c4),
  (musk)-[:MADE {sources: ['seed-002']}]->(c5),
  (musk)-[:MADE {sources: ['seed-002']}]->(c6),
  (musk)-[:MADE {sources: ['seed-002']}]->(c7),
  (musk)-[:MADE {sources: ['seed-002']}]->(c8),
  (musk)-[:MADE {sources: ['seed-000']}]->(c9),
  (musk)-[:MADE {sources: ['seed-003', 'seed-004']}]->(c10),
  (musk)-[:MADE {sources: ['seed-000']}]->(c11),
  (musk)-[:MADE {sources: ['seed-000']}]->(c12),
  (musk)-[:MADE {sources: ['seed-000']}]->(c13),
  (musk)-[:MADE {sources: ['seed-002']}]->(c14),
  (musk)-[:MADE {sources: ['seed-000', 'seed-003', 'seed-004']}]->(c15),
  (musk)-[:MADE {sources: ['seed-000', 'seed-003', 'seed-004']}]->(c16),
  (musk)-[:MADE {sources: ['seed-000']}]->(c17),
  (musk)-[:MADE {sources: ['seed-000']}]->(c18),
  (musk)-[:MADE {sources: ['seed-000', 'seed-003', 'seed-004']}]->(c19),
  (musk)-[:MADE {sources: ['seed-002']}]->(c20),
  (musk)-[:MADE {sources: ['seed-002']}]->(c21),
  (musk)-[:MADE {sources: ['seed-002']}]->(c22);

MATCH (huang:Person {name: 'Jensen Huang'}), (nvidia:Firm {name: 'Nvidia'}), (ellison:Person {name: 'Larry Ellison'}),
      (zaman:Person {name: 'Tim Zaman'}), (igor:Person {name: 'Igor Babuschkin'}), (fleming:Person {name: 'Joel Fleming'}),
      (gerber:Person {name: 'Ross Gerber'}), (analyst:Person {name: 'Anonymous former Tesla supply-chain analyst'}),
      (d1:Claim {id: 'claim-consuming-every-gpu'}), (d2:Claim {id: 'claim-hard-to-keep-up'}),
      (d3:Claim {id: 'claim-allocate-fairly'}), (d4:Claim {id: 'claim-blackwell-customers'}),
      (d5:Claim {id: 'claim-no-ads-on-x'}), (d6:Claim {id: 'claim-no-public-statements'}),
      (d7:Claim {id: 'claim-dgx-credit'}), (d8:Claim {id: 'claim-dgx-delivery'}),
      (e1:Claim {id: 'claim-oracle-gpus-for-grok'}), (e2:Claim {id: 'claim-want-more-gpus'}),
      (e3:Claim {id: 'claim-tesla-cluster-live'}), (e4:Claim {id: 'claim-xai-uses-nvidia'}),
      (e5:Claim {id: 'claim-conflict-apparent'}), (e6:Claim {id: 'claim-fiduciary-conflict'}),
      (e7:Claim {id: 'claim-recuse'}), (e8:Claim {id: 'claim-extortion'}),
      (e9:Claim {id: 'claim-extensions-of-persona'}), (e10:Claim {id: 'claim-redirect-extreme'})
CREATE
  (huang)-[:MADE {sources: ['seed-000', 'seed-001']}]->(d1),
  (nvidia)-[:MADE {sources: ['seed-000']}]->(d2),
  (huang)-[:MADE {sources: ['seed-000']}]->(d3),
  (huang)-[:MADE {sources: ['seed-000']}]->(d4),
  (huang)-[:MADE {reported_by: 'people who listened to the meeting, unnamed', sources: ['seed-002']}]->(d5),
  (huang)-[:MADE {reported_by: 'people who listened to the meeting, unnamed', sources: ['seed-002']}]->(d6),
  (huang)-[:MADE {sources: ['seed-002']}]->(d7),
  (huang)-[:MADE {sources: ['seed-002']}]->(d8),
  (ellison)-[:MADE {sources: ['seed-002']}]->(e1),
  (ellison)-[:MADE {sources: ['seed-002']}]->(e2),
  (zaman)-[:MADE {sources: ['seed-002']}]->(e3),
  (igor)-[:MADE {sources: ['seed-002']}]->(e4),
  (fleming)-[:MADE {sources: ['seed-000']}]->(e5),
  (fleming)-[:MADE {sources: ['seed-000']}]->(e6),
  (fleming)-[:MADE {sources: ['seed-000']}]->(e7),
  (gerber)-[:MADE {sources: ['seed-000']}]->(e8),
  (analyst)-[:MADE {sources: ['seed-000']}]->(e9),
  (analyst)-[:MADE {sources: ['seed-000']}]->(e10);

MATCH (q1:Document {id: 'tesla-q1-2024-call'}), (q4:Document {id: 'tesla-q4-2023-call'}),
      (p1:Document {id: 'musk-x-post-2024-04-28'}), (p2:Document {id: 'musk-x-post-2023-11-xai'}),
      (p3:Document {id: 'musk-x-post-2024-01-control'}), (p4:Document {id: 'musk-x-post-2024-01-ai-company'}),
      (p5:Document {id: 'musk-x-post-2024-01-dojo'}), (p6:Document {id: 'musk-x-post-2023-06-monopoly'}),
      (p7:Document {id: 'musk-x-post-2023-11-endorsement'}), (pz:Document {id: 'zaman-x-post-2023-08'}),
      (pr:Document {id: 'nvidia-blackwell-press-release'}), (nf:Document {id: 'nvidia-2024-02-call'}),
      (nm:Document {id: 'nvidia-2024-05-call'}), (oc:Document {id: 'oracle-2023-12-call'}),
      (allhands:Document {id: 'nvidia-all-hands-2023-11'}), (dealbook:Document {id: 'huang-dealbook-talk'}),
      (gtctalk:Document {id: 'babuschkin-gtc-2024-talk'}),
      (c1:Claim {id: 'claim-h100-85k'}), (c2:Claim {id: 'claim-ai-spend-10b'}), (c3:Claim {id: 'claim-spend-or-lose'}),
      (c5:Claim {id: 'claim-dojo-cost-nvidia-spend'}), (c6:Claim {id: 'claim-ai-stakes-billions'}),
      (c7:Claim {id: 'claim-dual-path'}), (c8:Claim {id: 'claim-dojo-long-shot'}),
      (c9:Claim {id: 'claim-xai-25-x-corp-investors'}), (c11:Claim {id: 'claim-voting-control'}),
      (c12:Claim {id: 'claim-build-outside-tesla'}), (c14:Claim {id: 'claim-tesla-is-ai-company'}),
      (c15:Claim {id: 'claim-autonomy-investors'}), (c20:Claim {id: 'claim-nothing-better-than-nvidia'}),
      (c21:Claim {id: 'claim-nvidia-no-monopoly'}), (c22:Claim {id: 'claim-endorsed-post'}),
      (d1:Claim {id: 'claim-consuming-every-gpu'}), (d3:Claim {id: 'claim-allocate-fairly'}),
      (d4:Claim {id: 'claim-blackwell-customers'}), (d5:Claim {id: 'claim-no-ads-on-x'}),
      (d6:Claim {id: 'claim-no-public-statements'}), (d7:Claim {id: 'claim-dgx-credit'}), (d8:Claim {id: 'claim-dgx-delivery'}),
      (e1:Claim {id: 'claim-oracle-gpus-for-grok'}), (e2:Claim {id: 'claim-want-more-gpus'}),
      (e3:Claim {id: 'claim-tesla-cluster-live'}), (e4:Claim {id: 'claim-xai-uses-nvidia'})
CREATE
  (c1)-[:PUBLISHED_IN {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(q1),
  (c15)-[:PUBLISHED_IN {sources: ['seed-000', 'seed-003', 'seed-004']}]->(q1),
  (c7)-[:PUBLISHED_IN {sources: ['seed-002']}]->(q4),
  (c8)-[:PUBLISHED_IN {sources: ['seed-002']}]->(q4),
  (c2)-[:PUBLISHED_IN {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(p1),
  (c3)-[:PUBLISHED_IN {sources: ['seed-001']}]->(p1),
  (c9)-[:PUBLISHED_IN {sources: ['seed-000']}]->(p2),
  (c11)-[:PUBLISHED_IN {sources: ['seed-000']}]->(p3),
  (c12)-[:PUBLISHED_IN {sources: ['seed-000']}]->(p3),
  (c14)-[:PUBLISHED_IN {sources: ['seed-002']}]->(p4),
  (c5)-[:PUBLISHED_IN {sources: ['seed-002']}]->(p5),
  (c6)-[:PUBLISHED_IN {sources: ['seed-002']}]->(p5),
  (c21)-[:PUBLISHED_IN {sources: ['seed-002']}]->(p6),
  (c22)-[:PUBLISHED_IN {sources: ['seed-002']}]->(p7),
  (c20)-[:PUBLISHED_IN {sources: ['seed-002']}]->(pr),
  (d1)-[:PUBLISHED_IN {sources: ['seed-000', 'seed-001']}]->(nm),
  (d4)-[:PUBLISHED_IN {sources: ['seed-000']}]->(nm),
  (d3)-[:PUBLISHED_IN {sources: ['seed-000']}]->(nf),
  (d5)-[:PUBLISHED_IN {sources: ['seed-002']}]->(allhands),
  (d6)-[:PUBLISHED_IN {sources: ['seed-002']}]->(allhands),
  (d7)-[:PUBLISHED_IN {sources: ['seed-002']}]->(dealbook),
  (d8)-[:PUBLISHED_IN {sources: ['seed-002']}]->(dealbook),
  (e1)-[:PUBLISHED_IN {sources: ['seed-002']}]->(oc),
  (e2)-[:PUBLISHED_IN {sources: ['seed-002']}]->(oc),
  (e3)-[:PUBLISHED_IN {sources: ['seed-002']}]->(pz),
  (e4)-[:PUBLISHED_IN {sources: ['seed-002']}]->(gtctalk);

// The critics' claim has no single named speaker; the analyst and Fleming spoke to CNBC.
MATCH (cnbcr:Document {id: 'cnbc-report-2024-06'}),
      (c:Claim {id: 'claim-part-time-ceo'}), (e5:Claim {id: 'claim-conflict-apparent'}),
      (e6:Claim {id: 'claim-fiduciary-conflict'}), (e7:Claim {id: 'claim-recuse'}), (e8:Claim {id: 'claim-extortion'}),
      (e9:Claim {id: 'claim-extensions-of-persona'}), (e10:Claim {id: 'claim-redirect-extreme'})
CREATE
  (c)-[:PUBLISHED_IN {sources: ['seed-000', 'seed-003', 'seed-004']}]->(cnbcr),
  (e5)-[:PUBLISHED_IN {sources: ['seed-000']}]->(cnbcr),
  (e6)-[:PUBLISHED_IN {sources: ['seed-000']}]->(cnbcr),
  (e7)-[:PUBLISHED_IN {sources: ['seed-000']}]->(cnbcr),
  (e9)-[:PUBLISHED_IN {sources: ['seed-000']}]->(cnbcr),
  (e10)-[:PUBLISHED_IN {sources: ['seed-000']}]->(cnbcr);



// -----------------------------------------------------------------------------
// 20. Claims: what they are about (ABOUT carries the claim's own sources)
// -----------------------------------------------------------------------------

// 20a. Musk's claims about Tesla, its chips and its spending
MATCH (tesla:Firm {name: 'Tesla'}), (nvidia:Firm {name: 'Nvidia'}),
      (h100:Chip {name: 'H100'}), (gpu:Chip {name: 'Nvidia GPU'}), (dojo:System {name: 'Dojo'}),
      (austincluster:System {name: 'Tesla Austin supercomputer cluster'}), (robotaxi:Product {name: 'Robotaxi'}),
      (buffalo:Place {name: 'Buffalo'}), (austin:Place {name: 'Austin'}),
      (c1:Claim {id: 'claim-h100-85k'}), (c2:Claim {id: 'claim-ai-spend-10b'}), (c3:Claim {id: 'claim-spend-or-lose'}),
      (c4:Claim {id: 'claim-tesla-needs-gpus'}), (c5:Claim {id: 'claim-dojo-cost-nvidia-spend'}),
      (c6:Claim {id: 'claim-ai-stakes-billions'}), (c7:Claim {id: 'claim-dual-path'}), (c8:Claim {id: 'claim-dojo-long-shot'}),
      (c11:Claim {id: 'claim-voting-control'}), (c12:Claim {id: 'claim-build-outside-tesla'}),
      (c13:Claim {id: 'claim-tesla-ai-leader'}), (c14:Claim {id: 'claim-tesla-is-ai-company'}),
      (c15:Claim {id: 'claim-autonomy-investors'}), (c16:Claim {id: 'claim-future-products'}),
      (c17:Claim {id: 'claim-dojo-buffalo'}), (c18:Claim {id: 'claim-austin-cluster'})
CREATE
  (c1)-[:ABOUT {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(tesla),
  (c1)-[:ABOUT {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(h100),
  (c2)-[:ABOUT {sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(tesla),
  (c3)-[:ABOUT {sources: ['seed-001']}]->(tesla),
  (c4)-[:ABOUT {sources: ['seed-000', 'seed-003', 'seed-004']}]->(tesla),
  (c4)-[:ABOUT {sources: ['seed-000', 'seed-003', 'seed-004']}]->(gpu),
  (c5)-[:ABOUT {sources: ['seed-002']}]->(tesla),
  (c5)-[:ABOUT {sources: ['seed-002']}]->(dojo),
  (c5)-[:ABOUT {sources: ['seed-002']}]->(nvidia),
  (c6)-[:ABOUT {sources: ['seed-002']}]->(tesla),
  (c7)-[:ABOUT {sources: ['seed-002']}]->(tesla),
  (c7)-[:ABOUT {sources: ['seed-002']}]->(nvidia),
  (c7)-[:ABOUT {sources: ['seed-002']}]->(dojo),
  (c8)-[:ABOUT {sources: ['seed-002']}]->(dojo),
  (c11)-[:ABOUT {sources: ['seed-000']}]->(tesla),
  (c12)-[:ABOUT {sources: ['seed-000']}]->(tesla),
  (c13)-[:ABOUT {sources: ['seed-000']}]->(tesla),
  (c14)-[:ABOUT {sources: ['seed-002']}]->(tesla),
  (c15)-[:ABOUT {sources: ['seed-000', 'seed-003', 'seed-004']}]->(tesla),
  (c16)-[:ABOUT {sources: ['seed-000', 'seed-003', 'seed-004']}]->(tesla),
  (c16)-[:ABOUT {sources: ['seed-000', 'seed-003', 'seed-004']}]->(robotaxi),
  (c17)-[:ABOUT {sources: ['seed-000']}]->(dojo),
  (c17)-[:ABOUT {sources: ['seed-000']}]->(buffalo),
  (c18)-[:ABOUT {sources: ['seed-000']}]->(austincluster),
  (c18)-[:ABOUT {sources: ['seed-000']}]->(austin);

// 20b. Musk's claims about xAI, X, Grok and Nvidia
MATCH (x:Firm {name: 'X'}), (xai:Firm {name: 'xAI'}), (nvidia:Firm {name: 'Nvidia'}), (xinv:Firm {name: 'X Corp investors'}),
      (grok:System {name: 'Grok'}), (chatgpt:System {name: 'ChatGPT'}), (blackwell:Chip {name: 'Blackwell'}),
      (c9:Claim {id: 'claim-xai-25-x-corp-investors'}), (c10:Claim {id: 'claim-xai-25-twitter'}),
      (c19:Claim {id: 'claim-grok-rebellious'}), (c20:Claim {id: 'claim-nothing-better-than-nvidia'}),
      (c21:Claim {id: 'claim-nvidia-no-monopoly'}), (c22:Claim {id: 'claim-endorsed-post'})
CREATE
  (c9)-[:ABOUT {sources: ['seed-000']}]->(xai),
  (c9)-[:ABOUT {sources: ['seed-000']}]->(xinv),
  (c10)-[:ABOUT {sources: ['seed-003', 'seed-004']}]->(xai),
  (c10)-[:ABOUT {sources: ['seed-003', 'seed-004']}]->(x),
  (c19)-[:ABOUT {sources: ['seed-000', 'seed-003', 'seed-004']}]->(grok),
  (c19)-[:ABOUT {sources: ['seed-000', 'seed-003', 'seed-004']}]->(chatgpt),
  (c20)-[:ABOUT {sources: ['seed-002']}]->(nvidia),
  (c20)-[:ABOUT {sources: ['seed-002']}]->(blackwell),
  (c21)-[:ABOUT {sources: ['seed-002']}]->(nvidia),
  (c22)-[:ABOUT {sources: ['seed-002']}]->(x);

// 20c. Huang's and Nvidia's claims
MATCH (musk:Person {name: 'Elon Musk'}), (tesla:Firm {name: 'Tesla'}), (x:Firm {name: 'X'}), (xai:Firm {name: 'xAI'}),
      (nvidia:Firm {name: 'Nvidia'}), (openai:Firm {name: 'OpenAI'}),
      (gpu:Chip {name: 'Nvidia GPU'}), (blackwell:Chip {name: 'Blackwell'}), (dgx:System {name: 'DGX'}),
      (d1:Claim {id: 'claim-consuming-every-gpu'}), (d2:Claim {id: 'claim-hard-to-keep-up'}),
      (d3:Claim {id: 'claim-allocate-fairly'}), (d4:Claim {id: 'claim-blackwell-customers'}),
      (d5:Claim {id: 'claim-no-ads-on-x'}), (d6:Claim {id: 'claim-no-public-statements'}),
      (d7:Claim {id: 'claim-dgx-credit'}), (d8:Claim {id: 'claim-dgx-delivery'})
CREATE
  (d1)-[:ABOUT {sources: ['seed-000', 'seed-001']}]->(gpu),
  (d2)-[:ABOUT {sources: ['seed-000']}]->(nvidia),
  (d3)-[:ABOUT {sources: ['seed-000']}]->(nvidia),
  (d4)-[:ABOUT {sources: ['seed-000']}]->(blackwell),
  (d4)-[:ABOUT {sources: ['seed-000']}]->(xai),
  (d4)-[:ABOUT {sources: ['seed-000']}]->(tesla),
  (d5)-[:ABOUT {sources: ['seed-002']}]->(nvidia),
  (d5)-[:ABOUT {sources: ['seed-002']}]->(x),
  (d6)-[:ABOUT {sources: ['seed-002']}]->(nvidia),
  (d7)-[:ABOUT {sources: ['seed-002']}]->(dgx),
  (d7)-[:ABOUT {sources: ['seed-002']}]->(musk),
  (d7)-[:ABOUT {sources: ['seed-002']}]->(openai),
  (d8)-[:ABOUT {sources: ['seed-002']}]->(dgx),
  (d8)-[:ABOUT {sources: ['seed-002']}]->(musk),
  (d8)-[:ABOUT {sources: ['seed-002']}]->(openai);

// 20d. Everyone else's claims
MATCH (musk:Person {name: 'Elon Musk'}), (tesla:Firm {name: 'Tesla'}), (x:Firm {name: 'X'}), (xai:Firm {name: 'xAI'}),
      (oracle:Firm {name: 'Oracle'}), (solarcity:Firm {name: 'SolarCity'}),
      (h100:Chip {name: 'H100'}), (gpu:Chip {name: 'Nvidia GPU'}), (grok:System {name: 'Grok'}),
      (teslacluster:System {name: 'Tesla AI cluster'}),
      (r1:Event {name: 'Redirect of 12,000 shipped H100s from Tesla to X'}),
      (e1:Claim {id: 'claim-oracle-gpus-for-grok'}), (e2:Claim {id: 'claim-want-more-gpus'}),
      (e3:Claim {id: 'claim-tesla-cluster-live'}), (e4:Claim {id: 'claim-xai-uses-nvidia'}),
      (pt:Claim {id: 'claim-part-time-ceo'}), (e5:Claim {id: 'claim-conflict-apparent'}),
      (e6:Claim {id: 'claim-fiduciary-conflict'}), (e7:Claim {id: 'claim-recuse'}), (e8:Claim {id: 'claim-extortion'}),
      (e9:Claim {id: 'claim-extensions-of-persona'}), (e10:Claim {id: 'claim-redirect-extreme'})
CREATE
  (e1)-[:ABOUT {sources: ['seed-002']}]->(oracle),
  (e1)-[:ABOUT {sources: ['seed-002']}]->(xai),
  (e1)-[:ABOUT {sources: ['seed-002']}]->(grok),
  (e2)-[:ABOUT {sources: ['seed-002']}]->(xai),
  (e2)-[:ABOUT {sources: ['seed-002']}]->(oracle),
  (e3)-[:ABOUT {sources: ['seed-002']}]->(teslacluster),
  (e3)-[:ABOUT {sources: ['seed-002']}]->(h100),
  (e4)-[:ABOUT {sources: ['seed-002']}]->(xai),
  (e4)-[:ABOUT {sources: ['seed-002']}]->(grok),
  (e4)-[:ABOUT {sources: ['seed-002']}]->(gpu),
  (pt)-[:ABOUT {sources: ['seed-000', 'seed-003', 'seed-004']}]->(musk),
  (pt)-[:ABOUT {sources: ['seed-000', 'seed-003', 'seed-004']}]->(tesla),
  (e5)-[:ABOUT {sources: ['seed-000']}]->(musk),
  (e5)-[:ABOUT {sources: ['seed-000']}]->(tesla),
  (e6)-[:ABOUT {sources: ['seed-000']}]->(musk),
  (e7)-[:ABOUT {sources: ['seed-000']}]->(musk),
  (e8)-[:ABOUT {sources: ['seed-000']}]->(musk),
  (e9)-[:ABOUT {sources: ['seed-000']}]->(musk),
  (e9)-[:ABOUT {sources: ['seed-000']}]->(solarcity),
  (e10)-[:ABOUT {sources: ['seed-000']}]->(r1),
  (e10)-[:ABOUT {sources: ['seed-000']}]->(tesla),
  (e10)-[:ABOUT {sources: ['seed-000']}]->(x);


// -----------------------------------------------------------------------------
// 21. Evidence: documents that CONTRADICT or SUPPORT claims; claims that
//     disagree with or respond to other claims; people who objected.
//     editorial: true marks a link drawn by the graph's editors across
//     passages (the seeds report both sides but do not spell out the link).
// -----------------------------------------------------------------------------
MATCH (apr:Document {id: 'nvidia-email-2024-04'}), (blog:Document {id: 'blog-post-hurting-tesla'}),
      (memo:Document {id: 'nvidia-memo-2023-12'}), (feb:Document {id: 'nvidia-email-2024-02'}),
      (nm:Document {id: 'nvidia-2024-05-call'}), (pz:Document {id: 'zaman-x-post-2023-08'}),
      (c1:Claim {id: 'claim-h100-85k'}), (c2:Claim {id: 'claim-ai-spend-10b'}),
      (c7:Claim {id: 'claim-dual-path'}), (d2:Claim {id: 'claim-hard-to-keep-up'}),
      (e1:Claim {id: 'claim-oracle-gpus-for-grok'}), (e5:Claim {id: 'claim-conflict-apparent'}),
      (e10:Claim {id: 'claim-redirect-extreme'})
CREATE
  // The story: Nvidia's late-April email says both of Musk's statements conflict with bookings.
  (apr)-[:CONTRADICTS {quote: 'conflicts with bookings',
                       basis: 'Musk\'s comment on the Tesla Q1 call conflicts with Nvidia\'s bookings',
                       sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004']}]->(c1),
  (apr)-[:CONTRADICTS {quote: 'also conflicts with bookings and FY 2025 forecasts',
                       basis: 'the April post on ~$10B of AI spending conflicts with bookings and fiscal 2025 forecasts',
                       sources: ['seed-000', 'seed-001', 'seed-003', 'seed-004'], detail_sources: ['seed-000', 'seed-003', 'seed-004']}]->(c2),
  (blog)-[:CONTRADICTS {basis: 'says Musk seems to be walking back the April promise, which was short-lived',
                        sources: ['seed-003', 'seed-004']}]->(c1),
  (nm)-[:SUPPORTS {basis: 'Huang on the May call: customers are consuming every GPU out there',
                   sources: ['seed-000']}]->(d2),
  (feb)-[:SUPPORTS {basis: 'the email says Grok\'s LLM relied on Oracle (and Amazon) cloud infrastructure',
                    editorial: true, sources: ['seed-000', 'seed-002']}]->(e1),
  (memo)-[:SUPPORTS {basis: 'the memo documents X being put ahead of Tesla for H100s',
                     sources: ['seed-000']}]->(e5),
  (memo)-[:SUPPORTS {basis: 'the memo documents the redirected shipment the analyst calls extreme',
                     sources: ['seed-000']}]->(e10),
  (pz)-[:SUPPORTS {basis: 'Tesla\'s 10,000-H100 cluster shows the Nvidia half of the dual path',
                   editorial: true, sources: ['seed-002']}]->(c7);

MATCH (koguan:Person {name: 'Leo KoGuan'}), (gerber:Person {name: 'Ross Gerber'}),
      (c9:Claim {id: 'claim-xai-25-x-corp-investors'}), (c10:Claim {id: 'claim-xai-25-twitter'}),
      (c11:Claim {id: 'claim-voting-control'}), (e8:Claim {id: 'claim-extortion'})
CREATE
  (c10)-[:DISAGREES_WITH {aspect: 'who holds the 25% of xAI (X itself vs X Corp\'s investors) and whether it is already held',
                          sources: ['seed-000', 'seed-003', 'seed-004']}]->(c9),
  (e8)-[:RESPONDS_TO {sources: ['seed-000']}]->(c11),
  (koguan)-[:OBJECTED_TO {how: 'angered by the comments', sources: ['seed-000']}]->(c11),
  (gerber)-[:OBJECTED_TO {how: 'called the demand extortion', sources: ['seed-000']}]->(c11);
