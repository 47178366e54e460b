import type { CourseContent, CourseQuestion, LocalizedText } from '@brevet/contracts';

/**
 * Three demo micro-courses, written for Brevet in plain, short sentences: many learners do not work at a desk
 * or are still learning the language. Each has 4 short lessons and a pool of 9 questions; a test draws 5, passes
 * at 80 %, allows 3 attempts with 1 hour between a failed attempt and the next.
 *
 * The facts follow common German workplace practice (emergency number 112, ASR A2.3 escape routes, GDPR Art. 33
 * and 15, the DGUV advice on lifting); they are teaching texts, not legal advice.
 */
export interface DemoCourse {
  code: string;
  /** The credential definition a pass issues. */
  credentialCode: string;
  content: CourseContent;
}

const t = (en: string, de: string): LocalizedText => ({ en, de });

const ASSESSMENT = { passMark: 80, questionsPerAttempt: 5, maxAttempts: 3, cooldownMinutes: 60 };

/** A question; options are `[en, de, right?]`. One right option makes a single choice, more a multiple choice. */
function q(id: string, prompt: LocalizedText, options: Array<[string, string, boolean?]>): CourseQuestion {
  const right = options.filter((o) => o[2]).length;
  return {
    id,
    kind: right > 1 ? 'multiple' : 'single',
    prompt,
    options: options.map(([en, de, correct], i) => ({
      id: 'abcdefgh'[i],
      text: t(en, de),
      correct: correct === true,
    })),
  };
}

const lines = (...parts: string[]) => parts.join('\n');

// ── Fire safety basics ──────────────────────────────────────────────────────────────────────────────────

const FIRE: CourseContent = {
  title: t('Fire safety basics', 'Brandschutz-Grundlagen'),
  summary: t(
    'How fires start, what to do when it burns, how to leave the building, and when to use an extinguisher.',
    'Wie Brände entstehen, was zu tun ist, wenn es brennt, wie man das Gebäude verlässt und wann man löscht.',
  ),
  durationMinutes: 15,
  ...ASSESSMENT,
  lessons: [
    {
      id: 'prevent',
      title: t('Stop fires before they start', 'Brände verhindern'),
      body: t(
        lines(
          'A fire needs three things: **heat**, **fuel** and **oxygen**. Take one away, and the fire stops.',
          '',
          'In our warehouses and branches, fuel is everywhere: cardboard, pallets, plastic film.',
          '',
          '## What you can do',
          '',
          '- Keep escape routes and emergency exits free. Never put pallets or boxes there.',
          '- Never wedge a fire door open. It must close by itself.',
          '- Keep cardboard and pallets away from heaters, lamps and battery chargers.',
          '- Do not connect many plugs to one socket.',
          '- Report damaged cables and plugs at once.',
          '- Smoke only in the marked smoking areas.',
          '',
          'If you see a blocked exit or a wedged fire door, fix it or tell your manager.',
        ),
        lines(
          'Ein Feuer braucht drei Dinge: **Wärme**, **brennbares Material** und **Sauerstoff**. Fehlt eines davon, geht das Feuer aus.',
          '',
          'In unseren Lagern und Filialen gibt es viel brennbares Material: Karton, Paletten, Folie.',
          '',
          '## Das können Sie tun',
          '',
          '- Halten Sie Fluchtwege und Notausgänge frei. Stellen Sie dort nie Paletten oder Kartons ab.',
          '- Keilen Sie Brandschutztüren nie fest. Sie müssen von selbst schließen.',
          '- Halten Sie Karton und Paletten fern von Heizungen, Lampen und Ladegeräten.',
          '- Stecken Sie nicht viele Stecker in eine Steckdose.',
          '- Melden Sie kaputte Kabel und Stecker sofort.',
          '- Rauchen Sie nur in den markierten Raucherbereichen.',
          '',
          'Wenn Sie einen versperrten Ausgang oder eine festgekeilte Brandschutztür sehen: Beheben Sie es oder sagen Sie es Ihrer Führungskraft.',
        ),
      ),
      videoUrl: null,
      attachments: [],
    },
    {
      id: 'alarm',
      title: t('When it burns: raise the alarm', 'Wenn es brennt: Alarm geben'),
      body: t(
        lines(
          'Your safety comes first. Then warn others.',
          '',
          '1. Press the red **fire alarm button**, if there is one.',
          '2. Call **112**. This number works everywhere in the EU, also from a mobile phone.',
          '3. Warn your colleagues. Shout "Fire!".',
          '',
          '## On the phone, say',
          '',
          '- **Where** is the fire? Give the address and the building.',
          '- **What** is burning?',
          '- **How many** people are hurt?',
          '- Then **wait** for questions. Do not hang up first.',
        ),
        lines(
          'Ihre Sicherheit geht vor. Danach warnen Sie andere.',
          '',
          '1. Drücken Sie den roten **Feuermelder**, wenn es einen gibt.',
          '2. Rufen Sie die **112** an. Die Nummer gilt in der ganzen EU, auch vom Handy.',
          '3. Warnen Sie Ihre Kolleginnen und Kollegen. Rufen Sie laut „Feuer!“.',
          '',
          '## Am Telefon sagen Sie',
          '',
          '- **Wo** brennt es? Nennen Sie Adresse und Gebäude.',
          '- **Was** brennt?',
          '- **Wie viele** Menschen sind verletzt?',
          '- Dann **warten** Sie auf Fragen. Legen Sie nicht zuerst auf.',
        ),
      ),
      videoUrl: null,
      attachments: [],
    },
    {
      id: 'evacuate',
      title: t('Leave the building', 'Das Gebäude verlassen'),
      body: t(
        lines(
          'When the alarm sounds, stop work and leave at once.',
          '',
          '- Follow the **green signs** with the running person.',
          '- **Never use the lift.** It can stop or take you into the smoke.',
          '- Close doors behind you. Do not lock them.',
          '- If there is smoke, stay low. The air is better near the floor.',
          '- Help people who need help, if you can do it safely.',
          '- Go to the **assembly point** and report to the fire warden. Then they know who is safe.',
          '- **Never go back** into the building until the fire brigade says so.',
        ),
        lines(
          'Wenn der Alarm ertönt, hören Sie auf zu arbeiten und gehen Sie sofort hinaus.',
          '',
          '- Folgen Sie den **grünen Schildern** mit der laufenden Person.',
          '- **Benutzen Sie nie den Aufzug.** Er kann stehen bleiben oder Sie in den Rauch bringen.',
          '- Schließen Sie Türen hinter sich. Schließen Sie sie nicht ab.',
          '- Bei Rauch bleiben Sie unten. Nah am Boden ist die Luft besser.',
          '- Helfen Sie Menschen, die Hilfe brauchen, wenn es sicher ist.',
          '- Gehen Sie zum **Sammelplatz** und melden Sie sich bei der Brandschutzhelferin oder dem Brandschutzhelfer. So wissen alle, wer in Sicherheit ist.',
          '- **Gehen Sie nie zurück** in das Gebäude, bis die Feuerwehr es erlaubt.',
        ),
      ),
      videoUrl: null,
      attachments: [],
    },
    {
      id: 'extinguish',
      title: t('A small fire: use an extinguisher', 'Ein kleiner Brand: der Feuerlöscher'),
      body: t(
        lines(
          'Only fight a fire when **all** of this is true:',
          '',
          '- The fire is small, like a waste bin.',
          '- You are not in danger.',
          '- The way out is **behind you**.',
          '',
          '## How to use the extinguisher',
          '',
          '1. Pull out the safety pin.',
          '2. Stand a few metres away, with the wind in your back.',
          '3. Aim at the **base of the flames**, not at the smoke.',
          '4. Spray in short bursts, from front to back.',
          '5. Use several extinguishers at the same time, not one after the other.',
          '',
          '**Burning fat or oil:** never use water. Cover the pan with a lid.',
          '',
          'After use, tell your manager. The extinguisher must be refilled.',
        ),
        lines(
          'Löschen Sie nur, wenn **alles** davon stimmt:',
          '',
          '- Der Brand ist klein, etwa ein Papierkorb.',
          '- Sie sind nicht in Gefahr.',
          '- Der Fluchtweg ist **hinter Ihnen**.',
          '',
          '## So benutzen Sie den Feuerlöscher',
          '',
          '1. Ziehen Sie die Sicherung heraus.',
          '2. Stellen Sie sich ein paar Meter entfernt hin, mit dem Wind im Rücken.',
          '3. Zielen Sie auf den **Fuß der Flammen**, nicht in den Rauch.',
          '4. Löschen Sie in kurzen Stößen, von vorne nach hinten.',
          '5. Setzen Sie mehrere Feuerlöscher gleichzeitig ein, nicht nacheinander.',
          '',
          '**Brennendes Fett oder Öl:** nie mit Wasser löschen. Legen Sie einen Deckel auf die Pfanne.',
          '',
          'Sagen Sie danach Ihrer Führungskraft Bescheid. Der Feuerlöscher muss neu gefüllt werden.',
        ),
      ),
      videoUrl: null,
      attachments: [],
    },
  ],
  questions: [
    q(
      'fire-number',
      t('Which number do you call for the fire brigade?', 'Welche Nummer rufen Sie für die Feuerwehr an?'),
      [
        ['110', '110'],
        ['112', '112', true],
        ['118 118', '118 118'],
      ],
    ),
    q('fire-first', t('You see a fire. What do you do first?', 'Sie sehen ein Feuer. Was tun Sie zuerst?'), [
      ['Raise the alarm and warn others', 'Alarm geben und andere warnen', true],
      ['Finish my task', 'Meine Arbeit fertig machen'],
      ['Take a photo of it', 'Ein Foto davon machen'],
    ]),
    q(
      'fire-lift',
      t('May you use the lift when the fire alarm sounds?', 'Dürfen Sie bei Feueralarm den Aufzug benutzen?'),
      [
        ['Yes, it is faster', 'Ja, das geht schneller'],
        ['No, never', 'Nein, nie', true],
        ['Only from the top floor', 'Nur aus dem obersten Stockwerk'],
      ],
    ),
    q(
      'fire-door',
      t(
        'A fire door is held open with a wedge. What do you do?',
        'Eine Brandschutztür ist mit einem Keil offen gehalten. Was tun Sie?',
      ),
      [
        ['Leave it, it is practical', 'Nichts, das ist praktisch'],
        ['Remove the wedge so the door can close', 'Den Keil entfernen, damit die Tür schließen kann', true],
        ['Put a second wedge in', 'Einen zweiten Keil hineinstecken'],
      ],
    ),
    q('fire-aim', t('Where do you aim the extinguisher?', 'Wohin zielen Sie mit dem Feuerlöscher?'), [
      ['At the smoke', 'In den Rauch'],
      ['At the top of the flames', 'Auf die Spitze der Flammen'],
      ['At the base of the flames', 'Auf den Fuß der Flammen', true],
    ]),
    q(
      'fire-when',
      t(
        'When may you fight a fire yourself? Choose all that must be true.',
        'Wann dürfen Sie selbst löschen? Wählen Sie alles, was stimmen muss.',
      ),
      [
        ['The fire is small', 'Der Brand ist klein', true],
        ['The way out is behind you', 'Der Fluchtweg ist hinter Ihnen', true],
        ['You are not in danger', 'Sie sind nicht in Gefahr', true],
        ['Nobody has called 112 yet', 'Noch niemand hat die 112 angerufen'],
      ],
    ),
    q('fire-triangle', t('What does a fire need? Choose all.', 'Was braucht ein Feuer? Wählen Sie alles.'), [
      ['Heat', 'Wärme', true],
      ['Fuel, like cardboard', 'Brennbares Material, wie Karton', true],
      ['Oxygen', 'Sauerstoff', true],
      ['Water', 'Wasser'],
    ]),
    q(
      'fire-fat',
      t('Fat is burning in a pan. What do you do?', 'In einer Pfanne brennt Fett. Was tun Sie?'),
      [
        ['Pour water on it', 'Wasser darauf gießen'],
        ['Cover the pan with a lid', 'Einen Deckel auf die Pfanne legen', true],
        ['Carry the pan outside', 'Die Pfanne nach draußen tragen'],
      ],
    ),
    q('fire-assembly', t('Why do you go to the assembly point?', 'Warum gehen Sie zum Sammelplatz?'), [
      ['So that everyone knows who is safe', 'Damit alle wissen, wer in Sicherheit ist', true],
      ['To wait for the next shift', 'Um auf die nächste Schicht zu warten'],
      ['To get your things from the locker', 'Um Ihre Sachen aus dem Spind zu holen'],
    ]),
  ],
};

// ── GDPR basics for branch staff ────────────────────────────────────────────────────────────────────────

const GDPR: CourseContent = {
  title: t('GDPR basics for branch staff', 'DSGVO-Grundlagen für Filialbeschäftigte'),
  summary: t(
    'What personal data is, how to handle it every day, and what to do when something goes wrong.',
    'Was personenbezogene Daten sind, wie Sie im Alltag damit umgehen und was zu tun ist, wenn etwas schiefgeht.',
  ),
  durationMinutes: 15,
  ...ASSESSMENT,
  lessons: [
    {
      id: 'what',
      title: t('What is personal data?', 'Was sind personenbezogene Daten?'),
      body: t(
        lines(
          'Personal data is **any information about a person** we can identify.',
          '',
          'Examples from our work:',
          '',
          '- names, addresses, phone numbers and email addresses of customers',
          '- signatures on delivery notes',
          '- licence plates of trucks and cars',
          '- employee numbers, shift plans and pay slips',
          '- photos and camera videos',
          '',
          'Some data needs **extra care**, for example health data like a sick note.',
          '',
          'The GDPR (in German: DSGVO) protects this data. It applies to customers and to colleagues.',
        ),
        lines(
          'Personenbezogene Daten sind **alle Angaben zu einer Person**, die wir erkennen können.',
          '',
          'Beispiele aus unserer Arbeit:',
          '',
          '- Namen, Adressen, Telefonnummern und E-Mail-Adressen von Kundinnen und Kunden',
          '- Unterschriften auf Lieferscheinen',
          '- Kennzeichen von Lkw und Autos',
          '- Personalnummern, Schichtpläne und Gehaltsabrechnungen',
          '- Fotos und Videos von Kameras',
          '',
          'Manche Daten brauchen **besonderen Schutz**, zum Beispiel Gesundheitsdaten wie eine Krankmeldung.',
          '',
          'Die DSGVO schützt diese Daten. Sie gilt für Kundschaft und für Kolleginnen und Kollegen.',
        ),
      ),
      videoUrl: null,
      attachments: [],
    },
    {
      id: 'daily',
      title: t('Every day at work', 'Jeden Tag bei der Arbeit'),
      body: t(
        lines(
          'Use personal data **only when you need it for your job**.',
          '',
          '- Lock your screen when you leave the computer. On Windows: press **Windows key + L**.',
          '- Do not leave delivery notes or customer lists on the counter.',
          '- Put paper with personal data in the **shredder or the locked data bin**, never in the normal bin.',
          '- Never share your password. Not even with your manager.',
          '- Do not send customer data to a private email address or a private chat.',
          '- Do not photograph documents with your private phone.',
        ),
        lines(
          'Nutzen Sie personenbezogene Daten **nur, wenn Sie sie für Ihre Arbeit brauchen**.',
          '',
          '- Sperren Sie den Bildschirm, wenn Sie den Computer verlassen. Unter Windows: **Windows-Taste + L**.',
          '- Lassen Sie Lieferscheine oder Kundenlisten nicht auf dem Tresen liegen.',
          '- Werfen Sie Papier mit personenbezogenen Daten in den **Aktenvernichter oder die verschlossene Datenschutztonne**, nie in den normalen Müll.',
          '- Geben Sie Ihr Passwort nie weiter. Auch nicht an Ihre Führungskraft.',
          '- Schicken Sie keine Kundendaten an eine private E-Mail-Adresse oder in einen privaten Chat.',
          '- Fotografieren Sie keine Unterlagen mit Ihrem privaten Handy.',
        ),
      ),
      videoUrl: null,
      attachments: [],
    },
    {
      id: 'calls',
      title: t('Calls, emails and questions', 'Anrufe, E-Mails und Anfragen'),
      body: t(
        lines(
          '## Phone calls',
          '',
          'Someone calls and asks for the address of a colleague or a customer? **Do not give it out.** You cannot see who is calling. Offer to pass on a message.',
          '',
          '## Strange emails',
          '',
          'An email asks you to click a link, open a file or enter your password? Check the sender. If you are not sure, **do not click**. Tell IT.',
          '',
          '## People ask about their data',
          '',
          'Customers and colleagues may ask which data we store about them, or ask us to correct or delete it. Forward such requests **on the same day** to the data protection officer. We must answer within one month.',
        ),
        lines(
          '## Anrufe',
          '',
          'Jemand ruft an und fragt nach der Adresse einer Kollegin oder eines Kunden? **Geben Sie sie nicht heraus.** Sie sehen nicht, wer anruft. Bieten Sie an, eine Nachricht weiterzugeben.',
          '',
          '## Seltsame E-Mails',
          '',
          'Eine E-Mail will, dass Sie einen Link anklicken, eine Datei öffnen oder Ihr Passwort eingeben? Prüfen Sie den Absender. Wenn Sie unsicher sind: **nicht klicken**. Sagen Sie der IT Bescheid.',
          '',
          '## Fragen zu den eigenen Daten',
          '',
          'Kundschaft und Beschäftigte dürfen fragen, welche Daten wir über sie speichern, oder verlangen, dass wir sie berichtigen oder löschen. Leiten Sie solche Anfragen **noch am selben Tag** an die Datenschutzbeauftragte weiter. Wir müssen innerhalb eines Monats antworten.',
        ),
      ),
      videoUrl: null,
      attachments: [],
    },
    {
      id: 'breach',
      title: t('When something goes wrong', 'Wenn etwas schiefgeht'),
      body: t(
        lines(
          'A **data breach** is when personal data gets lost or reaches the wrong people. For example:',
          '',
          '- an email with customer data went to the wrong person,',
          '- a work phone or laptop was lost or stolen,',
          '- a folder with delivery notes is missing.',
          '',
          '**Report it at once** to your manager and the data protection officer. The company must tell the authority within **72 hours**.',
          '',
          'Mistakes happen. Do not hide them, and do not try to fix them alone. Reporting fast helps the people whose data it is.',
        ),
        lines(
          'Eine **Datenpanne** ist, wenn personenbezogene Daten verloren gehen oder an die falschen Personen gelangen. Zum Beispiel:',
          '',
          '- eine E-Mail mit Kundendaten ging an die falsche Person,',
          '- ein Diensthandy oder Laptop wurde verloren oder gestohlen,',
          '- ein Ordner mit Lieferscheinen fehlt.',
          '',
          '**Melden Sie es sofort** Ihrer Führungskraft und der Datenschutzbeauftragten. Das Unternehmen muss die Behörde innerhalb von **72 Stunden** informieren.',
          '',
          'Fehler passieren. Verstecken Sie sie nicht und versuchen Sie nicht, sie allein zu lösen. Schnelles Melden hilft den Menschen, um deren Daten es geht.',
        ),
      ),
      videoUrl: null,
      attachments: [],
    },
  ],
  questions: [
    q(
      'gdpr-which',
      t(
        'Which of these are personal data? Choose all.',
        'Was davon sind personenbezogene Daten? Wählen Sie alles.',
      ),
      [
        ['A customer’s licence plate', 'Das Kennzeichen eines Kunden', true],
        ['A colleague’s employee number', 'Die Personalnummer einer Kollegin', true],
        ['A photo of a driver', 'Ein Foto eines Fahrers', true],
        ['Tomorrow’s weather forecast', 'Die Wettervorhersage für morgen'],
      ],
    ),
    q(
      'gdpr-screen',
      t(
        'You leave your computer for a short break. What do you do?',
        'Sie verlassen Ihren Computer für eine kurze Pause. Was tun Sie?',
      ),
      [
        ['Lock the screen', 'Den Bildschirm sperren', true],
        ['Nothing, it is only a few minutes', 'Nichts, es sind nur ein paar Minuten'],
        ['Turn the screen to the wall', 'Den Bildschirm zur Wand drehen'],
      ],
    ),
    q(
      'gdpr-paper',
      t(
        'Where do old delivery notes with customer names go?',
        'Wohin kommen alte Lieferscheine mit Kundennamen?',
      ),
      [
        ['In the normal bin', 'In den normalen Müll'],
        [
          'In the shredder or the locked data bin',
          'In den Aktenvernichter oder die verschlossene Datenschutztonne',
          true,
        ],
        ['In the paper recycling', 'Ins Altpapier'],
      ],
    ),
    q(
      'gdpr-call',
      t(
        'A caller asks for a colleague’s home address. What do you do?',
        'Jemand ruft an und fragt nach der Privatadresse einer Kollegin. Was tun Sie?',
      ),
      [
        ['Give the address if the caller is friendly', 'Die Adresse nennen, wenn die Person freundlich ist'],
        [
          'Do not give it out; offer to pass on a message',
          'Sie nicht herausgeben; anbieten, eine Nachricht weiterzugeben',
          true,
        ],
        ['Send it by text message instead', 'Sie stattdessen per SMS schicken'],
      ],
    ),
    q(
      'gdpr-wrong-email',
      t(
        'You sent an email with customer data to the wrong person. What now?',
        'Sie haben eine E-Mail mit Kundendaten an die falsche Person geschickt. Was nun?',
      ),
      [
        [
          'Report it at once to your manager and the data protection officer',
          'Es sofort der Führungskraft und der Datenschutzbeauftragten melden',
          true,
        ],
        ['Wait and see if anyone notices', 'Abwarten, ob es jemand merkt'],
        ['Delete the email from your sent folder', 'Die E-Mail aus dem Ordner „Gesendet“ löschen'],
      ],
    ),
    q(
      'gdpr-72',
      t(
        'How long does the company have to report a data breach to the authority?',
        'Wie lange hat das Unternehmen Zeit, eine Datenpanne der Behörde zu melden?',
      ),
      [
        ['24 hours', '24 Stunden'],
        ['72 hours', '72 Stunden', true],
        ['30 days', '30 Tage'],
      ],
    ),
    q(
      'gdpr-request',
      t(
        'A customer asks which data we store about them. What do you do?',
        'Ein Kunde fragt, welche Daten wir über ihn speichern. Was tun Sie?',
      ),
      [
        [
          'Forward the request to the data protection officer the same day',
          'Die Anfrage noch am selben Tag an die Datenschutzbeauftragte weiterleiten',
          true,
        ],
        ['Tell them this is secret', 'Sagen, dass das geheim ist'],
        ['Print everything and hand it over at the counter', 'Alles ausdrucken und am Tresen übergeben'],
      ],
    ),
    q(
      'gdpr-private',
      t(
        'May you send a customer list to your private email to work from home?',
        'Dürfen Sie eine Kundenliste an Ihre private E-Mail schicken, um zu Hause zu arbeiten?',
      ),
      [
        ['Yes, if I delete it later', 'Ja, wenn ich sie später lösche'],
        ['No', 'Nein', true],
        ['Yes, on weekends', 'Ja, am Wochenende'],
      ],
    ),
    q(
      'gdpr-phishing',
      t(
        'An unknown email asks you to enter your password on a website. What do you do?',
        'Eine unbekannte E-Mail fordert Sie auf, Ihr Passwort auf einer Website einzugeben. Was tun Sie?',
      ),
      [
        [
          'Enter it quickly so the account is not blocked',
          'Es schnell eingeben, damit das Konto nicht gesperrt wird',
        ],
        ['Do not click and tell IT', 'Nicht klicken und der IT Bescheid sagen', true],
        ['Forward the email to all colleagues', 'Die E-Mail an alle Kolleginnen und Kollegen weiterleiten'],
      ],
    ),
  ],
};

// ── Manual handling ─────────────────────────────────────────────────────────────────────────────────────

const LIFTING: CourseContent = {
  title: t('Manual handling: lifting and carrying safely', 'Heben und Tragen: sicher arbeiten'),
  summary: t(
    'Protect your back: plan the lift, lift and carry the right way, push rather than pull, use the aids.',
    'Schützen Sie Ihren Rücken: das Heben planen, richtig heben und tragen, lieber schieben als ziehen, Hilfsmittel nutzen.',
  ),
  durationMinutes: 12,
  ...ASSESSMENT,
  lessons: [
    {
      id: 'plan',
      title: t('Think before you lift', 'Erst denken, dann heben'),
      body: t(
        lines(
          'Back pain is one of the most common problems in logistics. Most of it can be avoided.',
          '',
          'Before you lift, check:',
          '',
          '- **The load:** How heavy is it? Is it big or unstable? Can you hold it well?',
          '- **The way:** Is it free? Is the floor dry? Is there a step?',
          '- **The place to put it:** Is there space?',
          '',
          'Can a **pallet truck, a trolley or a lifting aid** do the job? Then use it.',
          '',
          'Too heavy or too awkward? **Do not lift it alone.** Ask a colleague.',
        ),
        lines(
          'Rückenschmerzen gehören in der Logistik zu den häufigsten Beschwerden. Die meisten lassen sich vermeiden.',
          '',
          'Prüfen Sie vor dem Heben:',
          '',
          '- **Die Last:** Wie schwer ist sie? Ist sie groß oder wackelig? Können Sie sie gut greifen?',
          '- **Den Weg:** Ist er frei? Ist der Boden trocken? Gibt es eine Stufe?',
          '- **Den Abstellplatz:** Ist dort Platz?',
          '',
          'Kann ein **Hubwagen, ein Rollwagen oder eine Hebehilfe** die Arbeit machen? Dann nutzen Sie es.',
          '',
          'Zu schwer oder zu unhandlich? **Heben Sie nicht allein.** Fragen Sie eine Kollegin oder einen Kollegen.',
        ),
      ),
      videoUrl: null,
      attachments: [],
    },
    {
      id: 'lift',
      title: t('Lift the right way', 'Richtig heben'),
      body: t(
        lines(
          '1. Stand **close** to the load, feet about hip-width apart.',
          '2. **Bend your knees**, not your back. Keep your back straight.',
          '3. Grip the load firmly with both hands.',
          '4. Lift **slowly with your legs**. No jerks.',
          '5. Keep the load **close to your body**.',
          '',
          '**Do not twist** your back while you hold a load. Turn with your feet.',
        ),
        lines(
          '1. Stellen Sie sich **nah** an die Last, die Füße etwa hüftbreit auseinander.',
          '2. **Gehen Sie in die Knie**, nicht mit dem Rücken nach unten. Halten Sie den Rücken gerade.',
          '3. Greifen Sie die Last fest mit beiden Händen.',
          '4. Heben Sie **langsam aus den Beinen**. Ohne Ruck.',
          '5. Halten Sie die Last **nah am Körper**.',
          '',
          '**Drehen Sie den Rücken nicht**, während Sie eine Last halten. Drehen Sie sich mit den Füßen.',
        ),
      ),
      videoUrl: null,
      attachments: [],
    },
    {
      id: 'carry',
      title: t('Carry and set down', 'Tragen und absetzen'),
      body: t(
        lines(
          '- Carry the load close to your body and with both hands.',
          '- You must be able to **see where you go**. If the load blocks your view, use a trolley.',
          '- Set the load down the same way you lifted it: bend your knees, back straight.',
          '- Watch your fingers and toes. Wear your **safety shoes**.',
          '',
          '## Lifting together',
          '',
          'Heavy or long loads need two people. **One person gives the commands**, for example: "Ready – lift!" Then you lift and set down at the same time.',
        ),
        lines(
          '- Tragen Sie die Last nah am Körper und mit beiden Händen.',
          '- Sie müssen **sehen, wohin Sie gehen**. Wenn die Last die Sicht versperrt, nehmen Sie einen Rollwagen.',
          '- Setzen Sie die Last so ab, wie Sie sie gehoben haben: in die Knie gehen, Rücken gerade.',
          '- Achten Sie auf Finger und Zehen. Tragen Sie Ihre **Sicherheitsschuhe**.',
          '',
          '## Gemeinsam heben',
          '',
          'Schwere oder lange Lasten brauchen zwei Personen. **Eine Person gibt die Kommandos**, zum Beispiel: „Fertig – hoch!“ Dann heben und setzen Sie gleichzeitig ab.',
        ),
      ),
      videoUrl: null,
      attachments: [],
    },
    {
      id: 'push',
      title: t('Push, pull and look after yourself', 'Schieben, ziehen und auf sich achten'),
      body: t(
        lines(
          '- **Push** trolleys and pallet trucks rather than pull them. Pushing is easier on your back, and you see where you go.',
          '- Store heavy goods at **waist height**. Light goods go up high or down low.',
          '- Take short breaks and change your position.',
          '- Does your back or shoulder hurt? **Tell your manager early.** Pain is a warning sign.',
        ),
        lines(
          '- **Schieben** Sie Rollwagen und Hubwagen lieber, als sie zu ziehen. Schieben schont den Rücken, und Sie sehen, wohin Sie fahren.',
          '- Lagern Sie schwere Waren auf **Hüfthöhe**. Leichte Waren kommen nach oben oder unten.',
          '- Machen Sie kurze Pausen und wechseln Sie die Haltung.',
          '- Tut Ihnen der Rücken oder die Schulter weh? **Sagen Sie es früh Ihrer Führungskraft.** Schmerz ist ein Warnzeichen.',
        ),
      ),
      videoUrl: null,
      attachments: [],
    },
  ],
  questions: [
    q(
      'lift-first',
      t('What do you do before you lift a box?', 'Was tun Sie, bevor Sie einen Karton heben?'),
      [
        ['Check the load and the way', 'Last und Weg prüfen', true],
        ['Lift it fast to test the weight', 'Ihn schnell anheben, um das Gewicht zu testen'],
        ['Nothing', 'Nichts'],
      ],
    ),
    q('lift-bend', t('How do you go down to the load?', 'Wie gehen Sie zur Last hinunter?'), [
      ['Bend my back, legs straight', 'Rücken beugen, Beine gerade'],
      ['Bend my knees, back straight', 'In die Knie gehen, Rücken gerade', true],
      ['Kneel on one knee and pull', 'Auf ein Knie gehen und ziehen'],
    ]),
    q(
      'lift-turn',
      t(
        'You hold a heavy box and must turn. How?',
        'Sie halten einen schweren Karton und müssen sich drehen. Wie?',
      ),
      [
        ['Twist my back', 'Den Rücken verdrehen'],
        ['Turn with my feet', 'Mit den Füßen drehen', true],
        ['Throw the box', 'Den Karton werfen'],
      ],
    ),
    q(
      'lift-close',
      t('Where do you hold the load when you carry it?', 'Wo halten Sie die Last beim Tragen?'),
      [
        ['Close to my body', 'Nah am Körper', true],
        ['With my arms stretched out', 'Mit ausgestreckten Armen'],
        ['Above my head', 'Über dem Kopf'],
      ],
    ),
    q(
      'lift-heavy',
      t('A load is too heavy for you. What do you do?', 'Eine Last ist Ihnen zu schwer. Was tun Sie?'),
      [
        ['Lift it anyway, quickly', 'Sie trotzdem schnell heben'],
        [
          'Use a lifting aid or ask a colleague',
          'Eine Hebehilfe nutzen oder eine Kollegin oder einen Kollegen fragen',
          true,
        ],
        ['Drag it over the floor', 'Sie über den Boden ziehen'],
      ],
    ),
    q(
      'lift-team',
      t(
        'Two people lift a long load. What is important?',
        'Zwei Personen heben eine lange Last. Was ist wichtig?',
      ),
      [
        ['One person gives the commands', 'Eine Person gibt die Kommandos', true],
        ['Each lifts when ready', 'Jede Person hebt, wenn sie bereit ist'],
        ['The stronger person lifts first', 'Die stärkere Person hebt zuerst'],
      ],
    ),
    q(
      'lift-push',
      t('Moving a loaded trolley: push or pull?', 'Einen beladenen Rollwagen bewegen: schieben oder ziehen?'),
      [
        ['Push', 'Schieben', true],
        ['Pull', 'Ziehen'],
        ['It does not matter', 'Das ist egal'],
      ],
    ),
    q(
      'lift-aids',
      t(
        'Which of these help you move heavy loads? Choose all.',
        'Was hilft Ihnen, schwere Lasten zu bewegen? Wählen Sie alles.',
      ),
      [
        ['A pallet truck', 'Ein Hubwagen', true],
        ['A trolley', 'Ein Rollwagen', true],
        ['A colleague', 'Eine Kollegin oder ein Kollege', true],
        ['Lifting faster', 'Schneller heben'],
      ],
    ),
    q(
      'lift-pain',
      t(
        'Your back hurts after work for a few days. What do you do?',
        'Ihr Rücken tut seit ein paar Tagen nach der Arbeit weh. Was tun Sie?',
      ),
      [
        ['Tell your manager early', 'Es früh der Führungskraft sagen', true],
        ['Ignore it', 'Es ignorieren'],
        ['Carry heavier loads to get stronger', 'Schwerere Lasten tragen, um stärker zu werden'],
      ],
    ),
  ],
};

export const DEMO_COURSES: DemoCourse[] = [
  { code: 'FIRE-BASICS', credentialCode: 'FIRE-SAFETY-BASICS', content: FIRE },
  { code: 'GDPR-BRANCH', credentialCode: 'GDPR-BASICS', content: GDPR },
  { code: 'MANUAL-HANDLING', credentialCode: 'MANUAL-HANDLING', content: LIFTING },
];
