namespace PrivacyDesk.Components.Shared;

/// <summary>An item of a Radzen dropdown: Radzen reads TextProperty/ValueProperty by reflection, so a tuple's names (compile-time only) will not do.</summary>
public sealed record Choice<TValue>(TValue Value, string Text);
