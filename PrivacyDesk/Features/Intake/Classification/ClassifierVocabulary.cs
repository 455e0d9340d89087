using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Intake.Classification;

/// <summary>One cue: a pattern over normalised text (lower case, no accents, straight apostrophes) and its weight.</summary>
public sealed record Cue(RequestType Type, string Language, string Pattern, int Weight);

/// <summary>
/// The words people use for each kind of request, in English and French. Weights: 3 = says the
/// request outright ("delete my account"), 2 = strong hint, 1 = topic word. Patterns are written for
/// meaning, not for one letter template: several phrasings per idea, both registers (legal and plain).
/// </summary>
public static class ClassifierVocabulary
{
    private const string Data = @"(data|information|info|details|records?|file|personal information|personal data)";
    private const string Donnees = @"(donnees|informations|renseignements|dossier|coordonnees)";

    public static readonly Cue[] Cues =
    [
        // ---- English ----
        new(RequestType.Access, "en", @"\b(subject |data )?access request\b", 3),
        new(RequestType.Access, "en", @"\b(request(ing)?|right (of|to)) access\b", 3),
        new(RequestType.Access, "en", @"\bcopy of (all |any )?(the |my )?(personal )?" + Data, 3),
        new(RequestType.Access, "en", @"\bwhat (personal )?" + Data + @" (you|your company) (have|hold|keep|process|store)", 3),
        new(RequestType.Access, "en", @"\bwhat do you know about me\b", 3),
        new(RequestType.Access, "en", @"\b(send|give|provide) me (a copy of )?(everything|all) (you hold|you have|" + Data + ")", 3),
        new(RequestType.Access, "en", @"\b(everything|all the information) (you|your company) (hold|have|keeps?)( on file)? (on|about) me\b", 3),
        new(RequestType.Access, "en", @"\b(see|view|consult) (all )?(the )?(my )?(personal )?" + Data, 2),
        new(RequestType.Access, "en", @"\bconfirm whether or not you are processing\b", 3),
        new(RequestType.Access, "en", @"\b(article|art\.?) 15\b", 2),
        new(RequestType.Access, "en", @"\bwhere did you get my\b", 2),
        new(RequestType.Access, "en", @"\b(who|whom) (you|have you) (shared|disclosed|sold)\b", 1),
        new(RequestType.Access, "en", @"\b(dsar|sar)\b", 3),
        new(RequestType.Access, "en", @"\bcopies of (all |any )?(the |my )?(personal )?" + Data, 3),
        new(RequestType.Access, "en", @"\bwhat (personal )?" + Data + @" .{0,20}(you'?ve|you have|you) (stored|kept|collected|got|gathered)\b", 3),
        new(RequestType.Access, "en", @"\bwhat (do )?you (have|hold|keep|know|store)( on file)? (on|about) me\b", 3),
        new(RequestType.Access, "en", @"\bwhatever you('ve| have)? ?(got|have|hold|keep) (on|about) me\b", 3),
        new(RequestType.Access, "en", @"\b(know|see|find out) what (personal )?" + Data + @"\b", 2),

        new(RequestType.Rectification, "en", @"\brectif(y|ication)\b", 3),
        new(RequestType.Rectification, "en", @"\b(correct|fix|update|amend|change) (it|this|that|my (name|address|email|phone|details|" + Data + "))", 3),
        new(RequestType.Rectification, "en", @"\b(inaccurate|incorrect|wrong|misspelt|misspelled|out of date|outdated|not accurate)\b", 2),
        new(RequestType.Rectification, "en", @"\b(article|art\.?) 16\b", 2),
        new(RequestType.Rectification, "en", @"\b(i (have )?moved|my (new|old) address)\b", 1),
        new(RequestType.Rectification, "en", @"\bright to (correct|rectify|rectification|correction)\b", 3),
        new(RequestType.Rectification, "en", @"\b(fix|correct|update|amend) (some of |part of |the errors in )?my (personal )?" + Data, 3),
        new(RequestType.Rectification, "en", @"\b(old|wrong|outdated|previous) (phone )?(number|phone|address|email|surname|name)\b", 2),
        new(RequestType.Rectification, "en", @"\bthe (correct|right|new) (one|number|address|spelling|email) is\b", 2),

        new(RequestType.Erasure, "en", @"\b(delete|erase|remove|destroy|wipe)( all)?( of)? (my|all|every|any)\b", 3),
        new(RequestType.Erasure, "en", @"\b(deletion|erasure)\b", 3),
        new(RequestType.Erasure, "en", @"\bright to be forgotten\b", 3),
        new(RequestType.Erasure, "en", @"\b(close|cancel|terminate) my account\b", 2),
        new(RequestType.Erasure, "en", @"\b(article|art\.?) 17\b", 2),
        new(RequestType.Erasure, "en", @"\bforget (about )?me\b", 2),
        new(RequestType.Erasure, "en", @"\b(delete|erase|remove|wipe) (everything|it all|all of it)\b", 3),
        new(RequestType.Erasure, "en", @"\b(want|like|need|ask for) (my|all my|these|those|the) .{0,60}(deleted|erased|removed|taken down)\b", 3),
        new(RequestType.Erasure, "en", @"\b(remove|take down|delete) (these|those|the|my|all) (photos?|pictures?|images?|name|posts?|reviews?|comments?|profile)\b", 3),

        new(RequestType.Withdrawal, "en", @"\bwithdraw(ing|al of)? (my |this |the )?consent\b", 3),
        new(RequestType.Withdrawal, "en", @"\b(revoke|revoking|withdrawing) (my )?consent\b", 3),
        new(RequestType.Withdrawal, "en", @"\bunsubscribe\b", 3),
        new(RequestType.Withdrawal, "en", @"\bopt(-| )?out\b", 3),
        new(RequestType.Withdrawal, "en", @"\bstop (sending|emailing|texting|calling|contacting|mailing)\b", 3),
        new(RequestType.Withdrawal, "en", @"\b(do not|don't) (call|contact|email|text|mail) me\b", 3),
        new(RequestType.Withdrawal, "en", @"\bdo not call list\b", 3),
        new(RequestType.Withdrawal, "en", @"\bno longer (wish|want) to (receive|get|be contacted)\b", 3),
        new(RequestType.Withdrawal, "en", @"\b(take|remove) (me|my (number|email|address)) (off|from) (your|the) .{0,20}(list|mailing)", 3),
        new(RequestType.Withdrawal, "en", @"\b(marketing|promotional|advertising) (emails?|messages?|texts?|sms|calls?|mail)\b", 2),
        new(RequestType.Withdrawal, "en", @"\bnewsletters?\b", 1),
        new(RequestType.Withdrawal, "en", @"\bopt (me|us|him|her) out\b", 3),
        new(RequestType.Withdrawal, "en", @"\b(do not|don't|not to|may not|must not) (sell|share)( or (sell|share))? (my|our|his|her)\b", 3),
        new(RequestType.Withdrawal, "en", @"\bdo not sell or share\b", 3),
        new(RequestType.Withdrawal, "en", @"\blimit (the )?use of my (sensitive )?personal\b", 3),

        new(RequestType.Objection, "en", @"\b(i )?object(ing)? to\b", 3),
        new(RequestType.Objection, "en", @"\bobjection\b", 3),
        new(RequestType.Objection, "en", @"\b(article|art\.?) 21\b", 2),
        new(RequestType.Objection, "en", @"\bprofiling\b", 2),
        new(RequestType.Objection, "en", @"\blegitimate interests?\b", 2),
        new(RequestType.Objection, "en", @"\b(stop|cease) (using|processing) (my|it|this)\b", 2),
        new(RequestType.Objection, "en", @"\b(targeted|personali[sz]ed) (advertising|ads|offers)\b", 1),
        new(RequestType.Objection, "en", @"\bdirect marketing\b", 1),

        new(RequestType.Portability, "en", @"\bportab(le|ility)\b", 3),
        new(RequestType.Portability, "en", @"\bmachine(-| )readable\b", 3),
        new(RequestType.Portability, "en", @"\bstructured, commonly used\b", 3),
        new(RequestType.Portability, "en", @"\b(export|exported|download) (of )?(my|all my)( account)? " + Data, 3),
        new(RequestType.Portability, "en", @"\b(transfer|move|import) (it |them |my data )?(to|elsewhere|into) (another|a new|other)\b", 2),
        new(RequestType.Portability, "en", @"\b(data|information|account|records) exported\b", 3),
        new(RequestType.Portability, "en", @"\bswitching (providers?|companies|banks?)\b", 2),
        new(RequestType.Portability, "en", @"\b(csv|json|xml)\b", 2),
        new(RequestType.Portability, "en", @"\bdata export\b|\bexport (all |of )?(my|all my|everything)\b", 3),
        new(RequestType.Portability, "en", @"\bswitching to (another|a new|a different|an other)\b|\b(import|upload|load) (it|them) (there|elsewhere|into)\b", 2),
        new(RequestType.Portability, "en", @"\b(article|art\.?) 20\b", 2),

        new(RequestType.Complaint, "en", @"\b(lodg|fil|mak|submitt)(e|ing) (a|this|my) complaint\b", 3),
        new(RequestType.Complaint, "en", @"\b(unhappy|not happy|dissatisfied|not satisfied|disappointed|unacceptable|outrageous)\b", 2),
        new(RequestType.Complaint, "en", @"\b(have not|haven't|never|still not) (received|had|heard|got)( back)?( any| an| a)? (answer|response|reply|nothing)\b", 2),
        new(RequestType.Complaint, "en", @"\bheard nothing\b|\bno (answer|response|reply) (yet|so far)\b|\bstill no (answer|response|reply)\b", 2),
        new(RequestType.Complaint, "en", @"\b(admonition|reminder|second request|follow(ing)?(-| )up)\b", 2),
        new(RequestType.Complaint, "en", @"\b(contacting|writing to|asking) you (again|a second time|once more)\b", 2),
        new(RequestType.Complaint, "en", @"\b(period|deadline|time limit) .{0,40}(exceeded|passed|expired|missed)\b", 2),
        new(RequestType.Complaint, "en", @"\b(refused|failed) to (help|answer|respond)\b", 2),
        new(RequestType.Complaint, "en", @"\bcomplaint\b", 1),
        new(RequestType.Complaint, "en", @"\b(article|art\.?) 77\b", 2),
        new(RequestType.Complaint, "en", @"\b(formal complaint|complaint about|complain about)\b", 3),
        new(RequestType.Complaint, "en", @"\b(raise|raising|express|expressing) (a |my |serious )?concerns?\b", 3),
        new(RequestType.Complaint, "en", @"\bhandling of (my|his|her|our|their|that|this|the) .{0,30}(request|data|complaint|information)\b", 3),
        new(RequestType.Complaint, "en", @"\bhow you (handled|dealt with|treated|responded to|answered)\b", 3),
        new(RequestType.Complaint, "en", @"\b(incomplete|inadequate|partial|insufficient) (response|reply|answer|disclosure)\b", 3),
        new(RequestType.Complaint, "en", @"\b(refusal|rejection) of (my|his|her|the|our|an?) .{0,30}request\b|\b(refused|rejected|ignored) (my|his|her|our) .{0,30}request\b", 3),
        new(RequestType.Complaint, "en", @"\b(data breach|security (incident|breach)|(cyber ?)?attack|were (exposed|leaked|stolen|hacked|compromised)|was (exposed|leaked|stolen|hacked|compromised)|been (exposed|leaked|stolen|hacked|compromised)|hacked|leaked)\b", 3),
        new(RequestType.Complaint, "en", @"\b(not even an acknowledg|no acknowledg|never (answered|replied|responded))", 2),
        new(RequestType.Complaint, "en", @"\bdespite (my|this|that|having|the fact)\b|\b(still|continue to|keep) (getting|receiving)\b", 2),

        // ---- French ----
        new(RequestType.Access, "fr", @"\b(droit|demande) d'acces\b", 3),
        new(RequestType.Access, "fr", @"\b(acceder|acces) (a|aux) (mes |vos |les |toutes? les )?" + Donnees, 3),
        new(RequestType.Access, "fr", @"\b(demander|demande|demandons|obtenir) l'acces\b", 3),
        new(RequestType.Access, "fr", @"\bcopie (de|des) (toutes? )?(mes|les|ces)? ?" + Donnees, 3),
        new(RequestType.Access, "fr", @"\b(envoyer|transmettre|communiquer|fournir)(-moi| moi)? une copie\b", 3),
        new(RequestType.Access, "fr", @"\bquel(le)?s " + Donnees + @" (personnel(le)?s )?vous (detenez|avez|conservez|traitez|possedez)", 3),
        new(RequestType.Access, "fr", @"\b(consulter|voir) (mon|mes) " + Donnees, 3),
        new(RequestType.Access, "fr", @"\b(tous|toutes) les " + Donnees + @" .{0,40}(a mon sujet|me concernant|sur moi)\b", 2),
        new(RequestType.Access, "fr", @"\bconfirmer si (oui ou non )?vous traitez\b", 3),
        new(RequestType.Access, "fr", @"\b(article|art\.?) 15\b", 2),
        new(RequestType.Access, "fr", @"\bd'ou vien(t|nent)\b", 2),
        new(RequestType.Access, "fr", @"\ba qui vous (l'|les )?avez (transmis|communique|vendu|partage)", 1),
        new(RequestType.Access, "fr", @"\b(savoir|connaitre) (quelles|quels|ce que) .{0,40}(vous (avez|detenez|conservez|gardez)|a mon sujet|sur moi)\b", 3),
        new(RequestType.Access, "fr", @"\bce que vous (avez|detenez|conservez|savez) (sur|a propos de) moi\b", 3),

        new(RequestType.Rectification, "fr", @"\brectifi", 3),
        new(RequestType.Rectification, "fr", @"\b(corriger|modifier|mettre a jour|mise a jour)\b", 2),
        new(RequestType.Rectification, "fr", @"\b(le|la|les) (corriger|modifier|mettre a jour)\b", 3),
        new(RequestType.Rectification, "fr", @"\b(inexact|errone|incorrect|mal ecrit|mal orthographie|perime|pas a jour)e?s?\b", 2),
        new(RequestType.Rectification, "fr", @"\b(ancienne|nouvelle) adresse\b|\bj'ai demenage\b", 1),
        new(RequestType.Rectification, "fr", @"\b(article|art\.?) 16\b", 2),
        new(RequestType.Rectification, "fr", @"\b(changer|modifier|corriger) (mon|ma|mes) (numero|adresse|nom|courriel|prenom|telephone|date)\b|\b(le|la) changer\b", 3),
        new(RequestType.Rectification, "fr", @"\b(ancien|mauvais) (numero|courriel|nom|prenom)\b|\bmon ancien\b", 2),

        new(RequestType.Erasure, "fr", @"\b(suppression|effacement)\b", 3),
        new(RequestType.Erasure, "fr", @"\b(supprim|effac|detrui)(er|iez|ez|ions|re)\b", 3),
        new(RequestType.Erasure, "fr", @"\bdroit a l'oubli\b", 3),
        new(RequestType.Erasure, "fr", @"\bretrait de (mes|toutes mes) " + Donnees, 3),
        new(RequestType.Erasure, "fr", @"\b(fermer|fermeture de|annuler) mon compte\b", 2),
        new(RequestType.Erasure, "fr", @"\b(article|art\.?) 17\b", 2),
        new(RequestType.Erasure, "fr", @"\b(retirer|enlever|oter) (ces|les|mes|ma|mon) (photos?|images?|nom|coordonnees|avis|commentaires?|profil)\b", 3),

        new(RequestType.Withdrawal, "fr", @"\bretir(e|er|ons) (mon|ce|le) consentement\b", 3),
        new(RequestType.Withdrawal, "fr", @"\b(retrait|revocation) (de|du) (mon )?consentement\b", 3),
        new(RequestType.Withdrawal, "fr", @"\b(desabonn|desinscri)", 3),
        new(RequestType.Withdrawal, "fr", @"\bne (veux|souhaite|desire) plus (les |en )?recevoir\b", 3),
        new(RequestType.Withdrawal, "fr", @"\b(arretez|cessez|cesser|arreter) de m'(envoyer|appeler|ecrire|contacter|solliciter|texter)", 3),
        new(RequestType.Withdrawal, "fr", @"\bretirez (mon|mes) (numero|adresse|courriel)", 3),
        new(RequestType.Withdrawal, "fr", @"\b(courriels?|messages?|textos?|sms|appels?|offres?) (promotionnel|publicitaire|marketing|commerciau)", 2),
        new(RequestType.Withdrawal, "fr", @"\b(infolettre|newsletter|sollicitation)s?\b", 1),
        new(RequestType.Withdrawal, "fr", @"\b(recevoir des offres|par texto)\b", 1),

        new(RequestType.Objection, "fr", @"\bm'oppos(e|er)\b", 3),
        new(RequestType.Objection, "fr", @"\bopposition\b", 3),
        new(RequestType.Objection, "fr", @"\bje refuse que mes " + Donnees, 3),
        new(RequestType.Objection, "fr", @"\b(article|art\.?) 21\b", 2),
        new(RequestType.Objection, "fr", @"\bprofilage\b", 2),
        new(RequestType.Objection, "fr", @"\binteret legitime\b", 2),
        new(RequestType.Objection, "fr", @"\bcessez (ce|le) traitement\b|\bcesser (d'utiliser|de traiter)\b", 2),
        new(RequestType.Objection, "fr", @"\bpublicite ciblee\b|\bprospection\b", 1),

        new(RequestType.Portability, "fr", @"\bportabilite\b", 3),
        new(RequestType.Portability, "fr", @"\bformat (technologique )?structure\b", 3),
        new(RequestType.Portability, "fr", @"\blisible par (une )?machine\b", 3),
        new(RequestType.Portability, "fr", @"\bcouramment utilise\b", 2),
        new(RequestType.Portability, "fr", @"\bexporter (les |mes )?" + Donnees, 3),
        new(RequestType.Portability, "fr", @"\b(transferer|donner|transmettre) (les |mes )?(donnees )?.{0,30}(a|vers) une autre (entreprise|organisation|societe)\b|\bles transferer\b", 2),
        new(RequestType.Portability, "fr", @"\bchange(r)? de fournisseur\b", 2),
        new(RequestType.Portability, "fr", @"\bformat (csv|json|xml|reutilisable|ouvert|numerique|electronique)\b", 3),
        new(RequestType.Portability, "fr", @"\bje change (de|d') ?(banque|fournisseur|operateur|service|application|appli|assureur)\b|\b(l'|les )?importer dans\b", 2),
        new(RequestType.Portability, "fr", @"\b(article|art\.?) 20\b", 2),
        new(RequestType.Portability, "fr", @"\b(importer|transferer|reprendre|utiliser) (dans|chez|vers) (une|un) autre (appli|application|service|plateforme|site|fournisseur|banque|entreprise)\b", 3),
        new(RequestType.Portability, "fr", @"\bdans un fichier\b", 1),

        new(RequestType.Complaint, "fr", @"\b(depose|deposer|porte|porter|introduis) (une )?plainte\b", 3),
        new(RequestType.Complaint, "fr", @"\b(mecontent|insatisfait|pas satisfait|inacceptable|scandaleux|decu)e?s?\b", 2),
        new(RequestType.Complaint, "fr", @"\b(toujours (rien|pas) (recu|eu|de reponse)|sans reponse|aucune reponse|pas (encore )?(eu|recu) de reponse)\b", 2),
        new(RequestType.Complaint, "fr", @"\b(relance|rappel|mise en demeure|avertissement)\b", 2),
        new(RequestType.Complaint, "fr", @"\bvous (contacte|ecris|relance|redemande) (une nouvelle fois|a nouveau|de nouveau|encore)\b", 2),
        new(RequestType.Complaint, "fr", @"\bdelai .{0,40}(depasse|expire|ecoule)\b", 2),
        new(RequestType.Complaint, "fr", @"\ba refuse de m'aider\b", 2),
        new(RequestType.Complaint, "fr", @"\bplainte\b", 1),
        new(RequestType.Complaint, "fr", @"\b(article|art\.?) 77\b", 2),
        new(RequestType.Complaint, "fr", @"\breclamation\b", 3),
        new(RequestType.Complaint, "fr", @"\breponse (incomplete|partielle|insuffisante)\b", 3),
        new(RequestType.Complaint, "fr", @"\b(absence de reponse|jamais repondu|restee? sans (reponse|suite)|aucune nouvelle)\b", 3),
        new(RequestType.Complaint, "fr", @"\b(fuite de donnees|violation de donnees|piratees?|piratage|cyberattaque|donnees .{0,20}(volees|derobees|exposees|compromises))\b", 3),
        new(RequestType.Complaint, "fr", @"\binadmissible\b|\bmalgre (cela|ma demande|mes demandes|mon courrier)\b", 2),
        new(RequestType.Complaint, "fr", @"\bje continue (a|de) recevoir\b|\btraitement de ma demande\b", 2),
    ];

    /// <summary>Sentences that only threaten a complaint ("otherwise I reserve the right to...") do not make one.</summary>
    public static readonly string[] ConditionalMarkers =
        ["reserve the right", "otherwise", "if you do not", "if you fail", "me reserve le droit", "sinon", "si vous ne", "a defaut"];

    /// <summary>
    /// Sentences that tell the history of an earlier request ("I asked you to erase my data on 3 April", "votre réponse
    /// du 28 avril"): the type they name is what was asked before, weak evidence of what this message asks.
    /// </summary>
    public static readonly string[] HistoryMarkers =
        ["i asked", "i have asked", "i've asked", "i requested", "i have requested", "i sent you", "i submitted", "i made a request", "he asked", "she asked",
         "my request of", "my previous request", "my earlier request", "my last request", "how you handled", "handling of", "you replied", "your response of",
         "your reply of", "you refused", "you said you", "je vous ai demande", "j'ai demande", "nous vous avons demande", "ma demande du", "ma precedente demande",
         "votre reponse du", "vous m'avez repondu", "je vous ai ecrit", "je vous ai adresse", "on a demande"];

    /// <summary>Words of an order, a delivery, a refund or an app: "supprimer un article de ma commande" is customer service, not erasure.</summary>
    public static readonly string[] CommerceWords =
        ["commande", "order ", "order:", "order #", "order no", "livraison", "delivery", "colis", "parcel", "package", "expedition", "shipping", "shipment",
         "remboursement", "refund", "facture", "invoice", "panier", "basket", "cart ", "appli ", "l'appli", "the app", "article de", "item", "retour n", "return"];

    /// <summary>Words that make a sentence about personal information even when it also names an order.</summary>
    public static readonly string[] PersonalDataWords =
        ["personal", "personnel", "donnees", "renseignements", "my data", "privacy", "vie privee", "gdpr", "rgpd", "ccpa", "loi 25"];

    public static readonly string[] EnglishWords =
        ["the", "and", "to", "of", "my", "you", "your", "is", "for", "in", "that", "with", "not", "please", "i", "me", "have", "this", "are", "data", "would", "it"];

    public static readonly string[] FrenchWords =
        ["le", "la", "les", "des", "je", "vous", "mes", "mon", "ma", "de", "du", "que", "pour", "est", "une", "dans", "avec", "pas", "ne", "merci", "votre", "vos", "et", "au", "aux", "sur", "moi"];
}
