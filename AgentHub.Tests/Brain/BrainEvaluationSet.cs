namespace AgentHub.Tests.Brain;

/// <summary>
/// A small business's Brain (a bakery writing in French and English) and questions a helper would search it with,
/// each with a phrase of the passage that answers it: the retrieval evaluation (recall at 5).
/// </summary>
public static class BrainEvaluationSet
{
    public static IReadOnlyList<(string Title, string Text)> Notes { get; } =
    [
        ("Horaires et accès", """
            # Horaires et accès
            ## Horaires
            La boutique est ouverte du mardi au samedi de 7 h à 19 h 30, et le dimanche de 7 h à 13 h. Fermée le lundi.
            ## Jours fériés
            Les jours fériés, nous ouvrons de 8 h à 12 h, sauf le 25 décembre et le 1er mai où la boutique est fermée.
            ## Accès
            Nous sommes au 12 rue des Tanneurs à Lyon, à deux minutes du métro Hôtel de Ville. Un parking vélo est devant la porte.
            """),
        ("Delivery", """
            # Delivery
            ## Area
            We deliver within 30 km of Lyon, from Tuesday to Saturday, between 9 am and 5 pm.
            ## Fees
            Delivery costs 6 euros, and is free for orders over 60 euros.
            ## Wedding cakes
            Wedding cakes are delivered and set up by our pastry chef; the set-up is included in the price.
            """),
        ("Tarifs", """
            # Tarifs
            | Produit | Prix |
            |---|---|
            | Baguette tradition | 1,30 € |
            | Croissant au beurre | 1,20 € |
            | Pain au chocolat | 1,40 € |
            | Pain de campagne au levain (1 kg) | 6,50 € |
            | Tarte aux pralines (6 parts) | 24 € |
            """),
        ("Allergens", """
            # Allergens
            All our breads contain gluten. Our croissants and pains au chocolat contain butter, milk and eggs.
            The praline tart contains almonds and hazelnuts. We do not offer gluten-free bread: our kitchen handles flour all day, so we cannot guarantee it.
            Vegan option: our sourdough country loaf is made with flour, water and salt only.
            """),
        ("Refunds and complaints", """
            # Refunds and complaints
            If a product is not right, bring it back within 24 hours with the receipt and we replace it or refund it.
            Custom cakes cancelled less than 7 days before the date are not refunded; the 30 % deposit is kept.
            Complaints are answered by email within two working days, by Marie.
            """),
        ("Gâteaux de mariage", """
            # Gâteaux de mariage
            ## Commande
            Les pièces montées et gâteaux de mariage se commandent au moins trois semaines à l’avance, avec un acompte de 30 %.
            ## Dégustation
            Une dégustation gratuite est proposée le samedi après-midi sur rendez-vous, pour deux personnes.
            ## Prix
            Comptez 7 € la part pour une pièce montée de choux, et 9 € la part pour un wedding cake à étages.
            """),
        ("Carte de fidélité", """
            # Carte de fidélité
            La carte de fidélité est gratuite : la dixième baguette est offerte.
            Elle n’est pas valable sur les gâteaux sur commande.
            """),
        ("Our story", """
            # Our story
            Boulangerie Martin was founded in 1998 by Marie and Paul Martin in the Croix-Rousse district.
            Our sourdough starter is older than the shop: Paul's grandmother started it in 1971.
            Since 2015 we only use organic flour milled in the Drôme by the Moulin Marion.
            """),
        ("Voice and tone", """
            # Voice and tone
            We speak to customers warmly and simply, and we use "vous" in French.
            We never say cheap or industrial; we say handmade, fresh from the oven, and from local farms.
            Emojis are fine on Instagram (one or two), never in emails.
            """),
        ("Équipe et contact", """
            # Équipe et contact
            Marie gère les commandes spéciales et répond au téléphone au 04 78 00 00 00.
            Paul est le chef boulanger ; Léa est la cheffe pâtissière depuis 2019.
            L’adresse e-mail pour les commandes est commandes@boulangerie-martin.fr.
            """),
    ];

    /// <summary>A question and a phrase of the passage that answers it.</summary>
    public static IReadOnlyList<(string Question, string Answer)> Questions { get; } =
    [
        ("What are the opening hours on Sunday?", "dimanche de 7 h à 13 h"),
        ("Quels sont les horaires d'ouverture ?", "mardi au samedi de 7 h à 19 h 30"),
        ("Est-ce ouvert le lundi ?", "Fermée le lundi"),
        ("Ouvert les jours fériés ?", "jours fériés, nous ouvrons"),
        ("Where is the shop, which metro?", "métro Hôtel de Ville"),
        ("Do you deliver to Villeurbanne, how far?", "within 30 km of Lyon"),
        ("How much does delivery cost?", "Delivery costs 6 euros"),
        ("Is delivery free for large orders?", "free for orders over 60 euros"),
        ("Who sets up the wedding cake?", "set up by our pastry chef"),
        ("Prix de la baguette tradition", "Baguette tradition"),
        ("How much is a croissant?", "Croissant au beurre"),
        ("Combien coûte le pain de campagne au levain ?", "Pain de campagne au levain"),
        ("Price of the praline tart", "Tarte aux pralines"),
        ("Do you have gluten-free bread?", "do not offer gluten-free bread"),
        ("Does the praline tart contain nuts?", "almonds and hazelnuts"),
        ("Is there a vegan bread?", "Vegan option"),
        ("Do croissants contain eggs or milk?", "butter, milk and eggs"),
        ("Can I get a refund for a product?", "refund it"),
        ("What if I cancel a custom cake?", "cancelled less than 7 days"),
        ("How fast do you answer complaints?", "within two working days"),
        ("Combien de temps à l'avance commander un gâteau de mariage ?", "trois semaines à l’avance"),
        ("Acompte pour une pièce montée", "acompte de 30 %"),
        ("Peut-on goûter avant le mariage ? dégustation", "dégustation gratuite"),
        ("Prix par part d'une pièce montée", "7 € la part"),
        ("Comment fonctionne la carte de fidélité ?", "dixième baguette est offerte"),
        ("La carte de fidélité marche sur les gâteaux ?", "pas valable sur les gâteaux"),
        ("When was the bakery founded?", "founded in 1998"),
        ("How old is the sourdough starter?", "started it in 1971"),
        ("Where does the flour come from? organic", "organic flour milled in the Drôme"),
        ("Which words should we avoid in posts?", "never say cheap or industrial"),
        ("Can we use emojis in emails?", "never in emails"),
        ("Tutoiement ou vouvoiement ? vous", "we use \"vous\" in French"),
        ("Numéro de téléphone pour une commande spéciale", "04 78 00 00 00"),
        ("Qui est la cheffe pâtissière ?", "Léa est la cheffe pâtissière"),
        ("Adresse e-mail des commandes", "commandes@boulangerie-martin.fr"),
    ];
}
