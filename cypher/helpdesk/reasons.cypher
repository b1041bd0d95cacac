// Who to contact about some roadmap nodes ($starts: [{id, label}]): every chain of links from a UN
// entity to each start node, over non-retired links only. The chains, from the entity:
//   Entity(named in the question)                                  — the entity itself matched
//   Entity -FACILITATES|RESPONSIBLE_FOR-> start                      — direct
//   Entity -FACILITATES-> ActionLine -ALIGNS_WITH|SUPPORTS-> start    — via a line (commitment, target, goal)
//   Entity -RESPONSIBLE_FOR-> GdcCommitment -CONTRIBUTES_TO-> start    — via a commitment (goal)
//   Entity -FACILITATES-> ActionLine <-PART_OF- start                — via the parent line (a C7 sub-line)
//   Entity -FACILITATES-> ActionLine -SUPPORTS-> SdgTarget -OF-> start — via a line and a target (goal)
//   Entity -FACILITATES-> ActionLine -SUPPORTS-> SdgTarget <-MEASURES- start — via the target (indicator)
// Each row is one chain: its nodes (entity first) with their labels in $language where translated,
// and its links in the shape of /v1/links. Ranking is done by the service (src/lib/helpdesk/).
UNWIND $starts AS start
MATCH (s:RoadmapNode {id: start.id})
WHERE start.label IN labels(s)
CALL (s) {
  MATCH p = (s:Entity)
  RETURN p
  UNION
  MATCH p = (:Entity)-[:FACILITATES|RESPONSIBLE_FOR]->(s)
  RETURN p
  UNION
  MATCH p = (:Entity)-[:FACILITATES]->(:ActionLine)-[:ALIGNS_WITH|SUPPORTS]->(s)
  RETURN p
  UNION
  MATCH p = (:Entity)-[:RESPONSIBLE_FOR]->(:GdcCommitment)-[:CONTRIBUTES_TO]->(s)
  RETURN p
  UNION
  MATCH p = (:Entity)-[:FACILITATES]->(:ActionLine)<-[:PART_OF]-(s:ActionLine)
  RETURN p
  UNION
  MATCH p = (:Entity)-[:FACILITATES]->(:ActionLine)-[:SUPPORTS]->(:SdgTarget)-[:OF]->(s:Sdg)
  RETURN p
  UNION
  MATCH p = (:Entity)-[:FACILITATES]->(:ActionLine)-[:SUPPORTS]->(:SdgTarget)<-[:MEASURES]-(s:SdgIndicator)
  RETURN p
}
WITH start, p
WHERE all(r IN relationships(p) WHERE coalesce(r.status, 'endorsed') <> 'retired')
RETURN start.id AS start,
       [n IN nodes(p) | {
         id: n.id,
         label: head([l IN labels(n) WHERE l <> 'RoadmapNode']),
         title: coalesce(n['shortTitle_' + $language], n['title_' + $language], n.name, n.label, n.shortTitle, n.title),
         kind: n.kind,
         ungisMember: n.ungisMember
       }] AS nodes,
       [r IN relationships(p) | {
         type: type(r),
         from: startNode(r).id,
         to: endNode(r).id,
         role: r.role,
         status: r.status,
         confidence: r.confidence,
         source: {document: r.sourceDocument, locator: r.sourceLocator, url: r.sourceUrl}
       }] AS links
