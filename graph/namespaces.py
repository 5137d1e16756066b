"""Closed namespaces over pyoxigraph terms: a typo in a term name raises instead of minting an IRI.

The terms of ``PKG`` must exist in ``ontology/policykg.ttl`` (a test checks for drift).
"""

from __future__ import annotations

from pyoxigraph import NamedNode

BASE = "https://w3id.org/policykg/"
ID = BASE + "id/"
DOC = BASE + "doc/"
GRAPH = BASE + "graph/"
ONTOLOGY_GRAPH = NamedNode(GRAPH + "ontology")


class Namespace:
    """A closed namespace: only the listed local names are terms."""

    def __init__(self, prefix: str, base: str, terms: str) -> None:
        self.prefix = prefix
        self.base = base
        self.terms = frozenset(terms.split())
        self._nodes = {t: NamedNode(base + t) for t in self.terms}
        # terms as plain attributes: a build looks up a term per quad, millions of times
        self.__dict__.update(self._nodes)

    def __getattr__(self, name: str) -> NamedNode:
        # reached only for names that are not terms
        raise self._not_a_term(name)

    def __getitem__(self, name: str) -> NamedNode:
        try:
            return self._nodes[name]
        except KeyError:
            raise self._not_a_term(name) from None

    def _not_a_term(self, name: str) -> AttributeError:
        return AttributeError(f"{self.prefix}:{name} is not a term of <{self.base}>")


PKG = Namespace(
    "pkg",
    BASE + "ontology#",
    """
    Document Annex Volume Portion Book SubBook Chapter Section Part Subpart Point Box BoxGroup TextUnit Measure BoxItem Article
    Introduction Paragraph Sentence Mention PollutantMention RegionMention ActorMention DeadlineMention
    TargetMention Pollutant PollutantGroup GenreWord Region AdministrativeDivision MacroRegion Actor Target
    kind order text index inUnit denotes start end partOf mentions mentionsPollutant concernsRegion
    involvesActor hasDeadline deadlineDate countedFrom ahead workingDays recurs hasTarget role sha256 signature sourcePath genre
    documentNumber adminCode level within covers value unit comparator direction baselineYear
    targetYear indicator subject surface note history record Issuance issuance issuer HistoryEvent
    Indicator IndicatorGroup pollutant region scope binding phrase
    Instrument InstrumentCategory InstrumentMention usesInstrument cue cueMention
    sourceFormat extractedText page lastPage boundingBox atLevel aboutPollutant standingDuty
    FineMention Fine hasFine minimumAmount maximumAmount minimumMultiple maximumMultiple multipleOf
    party per
    """,
)
ELI = Namespace(
    "eli",
    "http://data.europa.eu/eli/ontology#",
    """LegalResource LegalResourceSubdivision is_part_of number title date_document passed_by
    id_local jurisdiction first_date_entry_in_force repeals date_no_longer_in_force""",
)
OA = Namespace(
    "oa",
    "http://www.w3.org/ns/oa#",
    """Annotation SpecificResource TextPositionSelector TextQuoteSelector hasBody hasTarget
    hasSource hasSelector start end exact motivatedBy identifying""",
)
SKOS = Namespace(
    "skos",
    "http://www.w3.org/2004/02/skos/core#",
    "Concept ConceptScheme prefLabel altLabel hiddenLabel broader narrower inScheme notation",
)
TIME = Namespace(
    "time",
    "http://www.w3.org/2006/time#",
    "Instant Interval inXSDDate hasBeginning hasEnd Duration numericDuration unitType unitDay "
    "unitWeek unitMonth unitYear unitHour unitMinute DateTimeDescription month day",
)
PROV = Namespace(
    "prov",
    "http://www.w3.org/ns/prov#",
    "wasDerivedFrom wasAttributedTo wasAssociatedWith Activity",
)
RDF = Namespace("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "type JSON")
RDFS = Namespace("rdfs", "http://www.w3.org/2000/01/rdf-schema#", "label comment")
XSD = Namespace(
    "xsd",
    "http://www.w3.org/2001/XMLSchema#",
    "date integer decimal string boolean gMonthDay gMonth gDay",
)
DCT = Namespace("dct", "http://purl.org/dc/terms/", "issued creator date replaces isReplacedBy")
QUDT = Namespace("qudt", "http://qudt.org/schema/qudt/", "Unit hasUnit numericValue")

# the unit's direct link to what a mention of each family denotes (written with the mentions,
# read by the filters that ask which units have a family at all)
SHORTCUT = {
    "pollutant": PKG.mentionsPollutant,
    "region": PKG.concernsRegion,
    "actor": PKG.involvesActor,
    "deadline": PKG.hasDeadline,
    "target": PKG.hasTarget,
    "instrument": PKG.usesInstrument,
    "fine": PKG.hasFine,
}
# each family's key in a unit's record (``"fine"`` → ``"fines"``): what extract.model's FAMILIES
# names, kept here so that a query reads records without importing the document model
FAMILIES = {mtype: f"{mtype}s" for mtype in SHORTCUT}

NAMESPACES = (PKG, ELI, OA, SKOS, TIME, PROV, RDF, RDFS, XSD, DCT, QUDT)
PREFIXES: dict[str, str] = {ns.prefix: ns.base for ns in NAMESPACES}


def short_id(iri: str) -> str:
    """The model's id for an IRI minted here: ``pollutant/cadmium`` for a concept, ``plan/u-…``
    for a document node; any other IRI stays whole. The inverse of concept_iri and doc_iri."""
    for base in (ID, DOC):
        if iri.startswith(base):
            return iri[len(base) :]
    return iri


def doc_iri(local_id: str) -> NamedNode:
    """IRI of a document node (document, division, unit, mention) from its model id."""
    return NamedNode(DOC + local_id)


def concept_iri(concept_id: str) -> NamedNode:
    """IRI of a vocabulary concept from its id (``pollutant/cadmium``, ``region/430000``)."""
    return NamedNode(ID + concept_id)


def graph_iri(doc_id: str) -> NamedNode:
    """The named graph that holds one document."""
    return NamedNode(GRAPH + doc_id)
