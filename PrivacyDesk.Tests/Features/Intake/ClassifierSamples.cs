namespace PrivacyDesk.Tests.Features.Intake;

/// <summary>
/// Requests worded the way customers write them (not the corpus templates): written before the
/// vocabularies were tuned, to measure whether the classifier generalises.
/// </summary>
internal static class ClassifierSamples
{
    public static readonly (string Type, string Language, string Subject, string Body)[] All =
    [
        ("access", "en", "My data", "Hi, can you tell me what information you have about me? I'd like a copy please. Thanks, Sam"),
        ("access", "en", "", "Under PIPEDA I would like to see all personal information your company keeps on file about me, including who you shared it with."),
        ("access", "en", "Subject access request", "Please send me everything you hold on me. Account number 55123."),
        ("access", "en", "question", "What do you know about me and where did you get my phone number from?"),
        ("erasure", "en", "Delete my account", "Please delete my account and all my data. I don't use your service anymore."),
        ("erasure", "en", "", "I want you to erase every record you have of me. Right to be forgotten."),
        ("erasure", "en", "remove me", "Remove all my personal information from your systems and confirm when done."),
        ("rectification", "en", "Wrong address", "Your records have my old address. I moved to 12 Oak St, Toronto M5V 2T6. Please update it."),
        ("rectification", "en", "", "My name is misspelled on my account, it should be Katherine not Catherine. Please correct it."),
        ("rectification", "en", "Incorrect info", "The birth date you have for me is incorrect, please fix it."),
        ("withdrawal", "en", "Unsubscribe", "Stop sending me promotional emails. I never asked for them."),
        ("withdrawal", "en", "", "I withdraw my consent to receive marketing texts. Take me off your SMS list."),
        ("withdrawal", "en", "calls", "Please stop calling me with offers, put my number on your do not call list."),
        ("objection", "en", "Profiling", "I object to you using my purchase history for profiling and targeted advertising."),
        ("objection", "en", "", "I do not want my data used for your legitimate interests analysis. Stop processing it for that purpose."),
        ("portability", "en", "Export", "I'm switching providers. Please send my data in a machine-readable format like CSV or JSON so I can import it elsewhere."),
        ("portability", "en", "", "Can I get my account data exported to a file I can transfer to another company?"),
        ("complaint", "en", "Still no answer", "I asked for my data 45 days ago and have heard nothing. This is unacceptable and I am filing a complaint."),
        ("complaint", "en", "", "I am very unhappy with how you handled my privacy request. Your agent refused to help me."),
        ("access", "fr", "Mes données", "Bonjour, j'aimerais savoir quels renseignements personnels vous détenez sur moi. Merci de m'en envoyer une copie."),
        ("access", "fr", "", "En vertu de la Loi 25, je demande à consulter mon dossier et à obtenir tous les renseignements que votre entreprise conserve à mon sujet."),
        ("access", "fr", "Demande", "Pouvez-vous me dire d'où vient mon numéro de téléphone et à qui vous l'avez transmis?"),
        ("erasure", "fr", "Supprimer mon compte", "Je veux que vous supprimiez mon compte et toutes mes informations. Je n'utilise plus vos services."),
        ("erasure", "fr", "", "Merci d'effacer toutes les données me concernant de vos systèmes et de me confirmer la suppression."),
        ("erasure", "fr", "Droit à l'oubli", "Je demande le retrait de mes renseignements personnels de vos bases de données."),
        ("rectification", "fr", "Adresse erronée", "Vous avez encore mon ancienne adresse. J'habite maintenant au 45 rue Principale, Laval H7N 1A1. Merci de la mettre à jour."),
        ("rectification", "fr", "", "Mon nom est mal écrit dans votre dossier : c'est Hélène et non Helene. Pouvez-vous le corriger?"),
        ("rectification", "fr", "Erreur", "La date de naissance inscrite à mon dossier est inexacte, veuillez la modifier."),
        ("withdrawal", "fr", "Désabonnement", "Arrêtez de m'envoyer vos courriels promotionnels, je ne veux plus les recevoir."),
        ("withdrawal", "fr", "", "Je retire mon consentement à recevoir des offres par texto."),
        ("withdrawal", "fr", "Appels", "Cessez de m'appeler pour me vendre des choses, retirez mon numéro de votre liste."),
        ("objection", "fr", "Profilage", "Je m'oppose à l'utilisation de mon historique d'achats pour du profilage et de la publicité ciblée."),
        ("objection", "fr", "", "Je refuse que mes données servent à vos analyses fondées sur l'intérêt légitime. Cessez ce traitement."),
        ("portability", "fr", "Transfert", "Je change de fournisseur. Envoyez-moi mes données dans un format structuré, comme CSV, pour que je puisse les transférer."),
        ("portability", "fr", "", "Est-il possible d'exporter les données de mon compte dans un fichier que je peux donner à une autre entreprise?"),
        ("complaint", "fr", "Toujours sans réponse", "J'ai fait une demande il y a deux mois et je n'ai toujours rien reçu. C'est inacceptable, je dépose une plainte."),
        ("complaint", "fr", "", "Je suis très mécontente de la façon dont vous avez traité ma demande. Votre agent a refusé de m'aider."),
    ];
}
