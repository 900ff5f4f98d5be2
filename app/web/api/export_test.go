package api

// Internals the external tests use.

type CampaignForm = campaignForm

var OpenAPI = &openAPI

type QuestionnaireForm = questionnaireForm

type TokenForm = tokenForm

type TransitionForm = transitionForm
