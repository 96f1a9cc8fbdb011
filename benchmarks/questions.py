"""Synthetic quiz prose for the benchmarks: deterministic (seeded), varied, as long as real items.

No two prompts are the same, and lengths follow the real quizzes: 40-80 words a prompt, 10-25 an
option, 20-45 a feedback, 20-40 an explanation. build_scaling.py builds whole synthetic sites from
it; real_site.py adds its questions to the real quizzes.
"""

from __future__ import annotations

import random
import textwrap

import yaml

POLICE = ["a detective", "a patrol officer", "a sergeant", "a youth-crimes investigator",
          "a community relations officer", "a vice unit lieutenant", "an officer on the night shift"]
PROVIDERS = ["a case worker", "a shelter advocate", "a child-protection worker", "a trauma therapist",
             "a youth program manager", "an immigration legal advocate", "a runaway-hotline counsellor"]
PEOPLE = ["a 15-year-old girl", "a 17-year-old boy", "a young woman who arrived from abroad last year",
          "a 14-year-old who has run from a group home", "an adult survivor of labour trafficking",
          "a 16-year-old who will not give her name", "a young man found working in a nail salon"]
PLACES = ["at a motel off the highway", "in a hospital emergency room", "at the shelter's front desk",
          "at the bus station", "in an interview room at the precinct", "in a family court hallway",
          "in the back office of a restaurant", "at a drop-in centre for homeless youth"]
TIMES = ["just after two in the morning", "on a Friday evening", "late on a holiday weekend",
         "an hour before a court hearing", "the morning after an arrest", "during a snowstorm",
         "at the end of a fourteen-hour shift"]
TOPICS = ["first meetings", "confidentiality rules", "interview timing", "shelter placement",
          "information sharing", "reviewing the MOU", "joint training", "after-hours calls",
          "immigration relief", "court preparation", "trauma-informed interviews", "case conferences",
          "safety planning", "missing youth", "handing over a case", "debriefing after a hard night"]
POLICE_GOALS = ["take a statement while the details are fresh", "identify the adult who brought her here",
                "check whether other young people are at risk", "secure the phone as evidence",
                "get a name and a date of birth for the report", "find the address of the house"]
PROVIDER_GOALS = ["let the young person sleep and eat first", "find a safe bed for tonight",
                  "explain what the program can and cannot keep private", "call an interpreter she trusts",
                  "keep the first conversation about safety, not the case", "contact her guardian"]
COMPLICATIONS = ["the only interpreter available is a relative of the suspect",
                 "the shelter has one bed left and a waiting list", "the on-call supervisor is not answering",
                 "a reporter has already called the precinct", "the young person's phone keeps ringing",
                 "the two agencies have never worked together before", "nobody has read the MOU in a year",
                 "the prosecutor wants an answer by the morning"]
DISCLOSURES = ["she owes money to the man who drove her here", "he was told the police would deport him",
               "she has a younger sister still at the apartment", "he does not want his parents called",
               "she will only talk if it stays between them", "he was promised a job and papers"]
CLAIMS = ["the provider should pass on everything the young person says", "the officer can promise a visa",
          "a tense first case means the partnership is failing", "confidentiality rules are the same for every advocate",
          "the case worker should take over the questioning", "the police timeline should set the pace for services",
          "a sharp remark after a long night is a personal attack", "the MOU can wait until the next review"]

CONTEXT = [
    lambda r: f"{cap(r.choice(POLICE))} and {r.choice(PROVIDERS)} meet {r.choice(PLACES)} with {r.choice(PEOPLE)}.",
    lambda r: f"{cap(r.choice(POLICE))} wants to {r.choice(POLICE_GOALS)}, while {r.choice(PROVIDERS)} wants to {r.choice(PROVIDER_GOALS)}.",
    lambda r: f"It is {r.choice(TIMES)}, and {r.choice(COMPLICATIONS)}.",
    lambda r: f"The young person has said that {r.choice(DISCLOSURES)}.",
    lambda r: f"Their agencies signed an MOU last year, but it says little about {r.choice(TOPICS)}.",
    lambda r: "Each side starts to think the other \"doesn't get it\", and the conversation grows tense.",
    lambda r: f"Neither of them has worked on {r.choice(TOPICS)} with the other agency before.",
    lambda r: f"{cap(r.choice(PROVIDERS))} remembers a case last spring when a rushed interview went badly.",
]
QUESTION_LINES = {
    "single": ["What is the most useful next step?", "Which response best fits both roles?",
               "Which reading of the situation is most accurate?"],
    "multiple": ["Which steps would help? Choose all that apply.",
                 "Which actions keep each person within their own role? Choose all that apply."],
}
RIGHT_OPTIONS = [
    "Ask {p} what they need tonight, and agree a time to {g}.",
    "Say plainly what each of you can and cannot do, then plan the next hour together.",
    "Call the contact named in the MOU and follow the steps it sets out for {t}.",
    "Let {p} stay with the young person while {o} explains why the question matters.",
    "Agree to talk the next morning about how the night went and what to change.",
    "Tell the young person honestly what can stay private and what cannot.",
]
WRONG_OPTIONS = [
    "Wait until the case is over before raising {t} with anyone.",
    "Ask {p} to get the details quietly and pass them on to {o}.",
    "Promise the young person that everything will be sorted out by the morning.",
    "Escalate to both agency heads at once, before talking to each other.",
    "Stop taking calls from that unit until someone apologises.",
    "Assume every advocate has the same privacy duties, so either can promise secrecy.",
    "Let {o} decide everything, since the police case comes first.",
]
WHY_RIGHT = ["The goal is shared and the means differ, so naming the clash as one of timing lets both solve it.",
             "Honesty about limits protects trust later and avoids a promise nobody can keep.",
             "Each side does its own job well and asks the other to do theirs.",
             "A plan agreed in advance turns a hard night into a routine one.",
             "It keeps the young person's safety first without closing the door on the case."]
WHY_WRONG = ["It turns a clash of timing into a clash of values, which it is not.",
             "It asks one side to do the other's job, which can harm the case and the young person.",
             "It makes a promise that only another agency can keep, and trust suffers when it breaks.",
             "It punishes the young people who need a joint response, not the person who gave offence.",
             "Delay leaves the friction in place, and the same clash will come back on the next case."]
FOLLOW_UPS = ["Talking it through the next day usually helps.", "The MOU is the place to write this down.",
              "Both roles are needed, and neither is more important.", "Frustration like this is normal and passes.",
              "A short check-in after a hard scene keeps small problems small."]
LESSONS = ["Police and providers share one aim, ending trafficking and protecting survivors, but pursue it by different means.",
           "Each side guards confidentiality by its own rules, so share only what is safe and allowed.",
           "Mistakes and tension are a normal part of working together, and frustration passes when people keep talking.",
           "Writing roles down in a protocol, and revising it after conflict, prevents the same clash twice.",
           "Learning what the other side's units do shows where joint work helps both and the young person."]


CODES = ["A1", "A2", "A3", "A4", "A7", "A8", "A9", "A11", "A12", "B1", "B6", "B8"]   # source points


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def words(text: str) -> int:
    return len(text.split())


def prose(r: random.Random, low: int, high: int, closing: str = "") -> str:
    """Context sentences until the text is `low`-`high` words long, then the closing line."""
    while True:
        sentences = r.sample(CONTEXT, k=len(CONTEXT))
        out: list[str] = []
        target = r.randint(low, high) - words(closing)
        for make in sentences:
            out.append(make(r))
            if words(" ".join(out)) >= target:
                break
        text = " ".join(out + ([closing] if closing else []))
        if low <= words(text) <= high:
            return text


def option_text(r: random.Random, correct: bool) -> str:
    template = r.choice(RIGHT_OPTIONS if correct else WRONG_OPTIONS)
    return template.format(p=r.choice(PROVIDERS), o=r.choice(POLICE), g=r.choice(POLICE_GOALS), t=r.choice(TOPICS))


def feedback(r: random.Random, correct: bool) -> str:
    lead = r.choice(["Yes.", "Correct.", "That works."]) if correct else r.choice(["Not quite.", "No.", "Not the best step."])
    reason = r.choice(WHY_RIGHT if correct else WHY_WRONG)
    extra = r.choice(FOLLOW_UPS)
    text = f"{lead} {reason} {extra}"
    if r.random() < 0.3:
        text += f" This matters most for {r.choice(TOPICS)}."
    return text


def explanation(r: random.Random) -> str:
    first, second = r.sample(LESSONS, k=2)
    return f"{first} {second}" if words(first + second) <= 40 else first


def question(r: random.Random, qid: str, kind: str) -> dict:
    if kind == "true_false":
        claim = r.choice(CLAIMS)
        prompt = prose(r, 40, 80, f"True or false: {claim}.")
        is_true = r.random() < 0.4
        options = [
            {"id": "true", "text": "True", "correct": is_true, "feedback": feedback(r, is_true)},
            {"id": "false", "text": "False", "correct": not is_true, "feedback": feedback(r, not is_true)},
        ]
    else:
        count = r.choice([4, 5]) if kind == "multiple" else 4
        right = r.choice([2, 3]) if kind == "multiple" else 1
        flags = [True] * right + [False] * (count - right)
        r.shuffle(flags)
        prompt = prose(r, 40, 80, r.choice(QUESTION_LINES[kind]))
        options = [{"id": "abcdefgh"[i], "text": option_text(r, ok), "correct": ok, "feedback": feedback(r, ok)}
                   for i, ok in enumerate(flags)]
    codes = sorted(r.sample(CODES, k=r.choice([1, 2])))
    return {"id": qid, "type": kind, "prompt": wrap(prompt), "covers": codes, "options": options,
            "explanation": explanation(r)}


# Ten scored questions a quiz: single, multiple, true_false, single, a scenario of three
# (single, multiple, true_false), multiple, true_false, single.
LAYOUT = ["single", "multiple", "true_false", "single", ("single", "multiple", "true_false"),
          "multiple", "true_false", "single"]


def wrap(text: str) -> str:
    return textwrap.fill(text, width=95) + "\n"


def plain_question(q: dict, number: int, total: int, level: int) -> str:
    """One question as ordinary Markdown: what a site without a quiz engine would show."""
    out = [f"{'#' * level} Question {number} of {total}", "", q["prompt"].strip(), ""]
    for letter, o in zip("ABCDEFGH", q["options"]):
        verdict = "Right answer" if o["correct"] else "Not right"
        out += [f"- **{letter}.** {o['text']}", "", f"    *{verdict}:* {o['feedback']}", ""]
    out += [f"**Explanation.** {q['explanation']}", ""]
    return "\n".join(out)


class _Dumper(yaml.SafeDumper):
    """Multi-line text as `|` blocks, the way authors write prompts in quizzes/*.yml."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


class _IndentedDumper(_Dumper):
    """Lists indented under their key (`questions:` then `  - id:`), as the real quizzes are."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def dump(data, indented: bool = False) -> str:
    return yaml.dump(data, Dumper=_IndentedDumper if indented else _Dumper, sort_keys=False, width=95,
                     allow_unicode=True)
