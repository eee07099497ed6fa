package dev.agentwarden.mfa;

import dev.agentwarden.agentconfig.AgentConfigDocument.MfaOperation;
import dev.agentwarden.agentconfig.AgentControls;
import dev.agentwarden.authz.RequiresMfa;
import dev.agentwarden.http.ClientInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/** Registers an {@link MfaFilter} on every resource method (or class) annotated {@link RequiresMfa}. */
@Provider
@ApplicationScoped
public class MfaFeature implements DynamicFeature {

    private AgentControls controls;
    private MfaProof proof;
    private ClientInfo clients;
    private HttpServletRequest request;

    @Inject
    public MfaFeature(AgentControls controls, MfaProof proof, ClientInfo clients, HttpServletRequest request) {
        this.controls = controls;
        this.proof = proof;
        this.clients = clients;
        this.request = request;
    }

    /** For CDI proxies only. */
    public MfaFeature() {
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RequiresMfa required = resource.getResourceMethod().getAnnotation(RequiresMfa.class);
        if (required == null) {
            required = resource.getResourceClass().getAnnotation(RequiresMfa.class);
        }
        if (required != null) {
            // An unknown operation name fails the deployment here, not a request later.
            context.register(new MfaFilter(MfaOperation.fromWire(required.value()), controls, proof, clients,
                    request),
                    MfaFilter.PRIORITY);
        }
    }
}
