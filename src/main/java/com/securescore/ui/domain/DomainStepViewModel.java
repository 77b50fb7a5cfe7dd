package com.securescore.ui.domain;

import com.securescore.domain.DomainCheck;
import com.securescore.domain.DomainNames;
import com.securescore.ui.wizard.WizardState;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Domain step's state: the text as typed, the verdict of the core check on every change, and
 * whether the wizard may go on. Has no view code, so it is tested without the FX thread.
 */
public final class DomainStepViewModel {
    private final WizardState state;
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<DomainCheck> check = new ReadOnlyObjectWrapper<>(DomainNames.check(""));
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper showError = new ReadOnlyBooleanWrapper(false);

    public DomainStepViewModel(WizardState state) {
        this.state = state;
        text.addListener((obs, old, now) -> update(now));
        if (state.getDomain() != null) {
            DomainCheck restored = DomainNames.check(state.getDomain());
            text.set(restored.valid() ? restored.unicode() : state.getDomain());
        }
        state.domainProperty().addListener((obs, old, now) -> {
            if (now != null && !now.equals(check.get().name())) {
                DomainCheck c = DomainNames.check(now);
                text.set(c.valid() ? c.unicode() : now);
            }
        });
    }

    private void update(String now) {
        DomainCheck c = DomainNames.check(now);
        // Before the check itself: whoever redraws on a new check reads these (a field just cleared was
        // drawn red with the previous text's error state).
        valid.set(c.valid());
        // An empty field is not an error yet: the user simply has not typed.
        showError.set(!c.valid() && now != null && !now.isBlank());
        check.set(c);
        state.domainProperty().set(c.valid() ? c.name() : null);
    }

    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyObjectProperty<DomainCheck> checkProperty() {
        return check.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** True when the message under the field should read as an error. */
    public ReadOnlyBooleanProperty showErrorProperty() {
        return showError.getReadOnlyProperty();
    }

    /** The line under the field. */
    public String message() {
        DomainCheck c = check.get();
        if (!c.valid() && (text.get() == null || text.get().isBlank())) {
            return "Enter the fully qualified name, for example scoring.contoso.com.";
        }
        return c.summary();
    }

    /** The fix for an invalid name, or "" when valid. */
    public String fix() {
        return check.get().fix();
    }
}
